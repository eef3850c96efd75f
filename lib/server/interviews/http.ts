/**
 * The web layer's side of interviews: request schemas and the lookup every session route starts
 * with (a stranger, a visitor without identity and a bad id all get the same 404).
 */
import "server-only";
import type { NextResponse } from "next/server";
import { z } from "zod";
import { type ApiError, notFound } from "../api";
import { DifficultyInputSchema, ScenarioIdSchema } from "../api-schemas";
import { getRequestOwner } from "../request-owner";
import type { Owner } from "../owner";
import type { InterviewRole } from "./access";
import { sessionFor } from "./sessions";
import type { SessionRow } from "./store";

export const StartInterviewSchema = z.object({
  scenarioId: ScenarioIdSchema,
  mode: z.enum(["solo", "live"], { error: "Choose solo or live" }),
  grading: z.enum(["as-you-go", "at-end"], { error: "Choose as-you-go or at-end" }).default("as-you-go"),
  difficulty: DifficultyInputSchema.default("intermediate"),
}).strict();

export const JoinInterviewSchema = z.object({ code: z.string().trim().min(4, "Type the code you were given").max(20) }).strict();

export type SessionRequest = { ok: true; owner: Owner; session: SessionRow; role: InterviewRole } | { ok: false; response: NextResponse<ApiError> };

export async function sessionOfRequest(id: string): Promise<SessionRequest> {
  const owner = await getRequestOwner();
  const found = await sessionFor(id, owner);
  if (!found.ok || !owner) return { ok: false, response: notFound("interview") };
  return { ok: true, owner, session: found.session, role: found.role };
}

export const PRIVATE = { "cache-control": "private, no-store" } as const;
