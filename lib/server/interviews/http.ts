/**
 * The web layer's side of interviews: request schemas and the lookup every session route starts
 * with (a stranger, a visitor without identity and a bad id all get the same 404).
 */
import "server-only";
import type { NextResponse } from "next/server";
import { z } from "zod";
import type { ApiError } from "../api";
import { DifficultyInputSchema, ScenarioIdSchema } from "../api-schemas";
import { getActor } from "../auth/actor";
import { refusalResponse } from "../auth/http";
import { authorizeInterview } from "../auth/policy";
import type { InterviewAction, InterviewRole } from "../auth/policies/interviews";
import { getSessionRow, type SessionRow } from "./store";

export const StartInterviewSchema = z.object({
  scenarioId: ScenarioIdSchema,
  mode: z.enum(["solo", "live"], { error: "Choose solo or live" }),
  grading: z.enum(["as-you-go", "at-end"], { error: "Choose as-you-go or at-end" }).default("as-you-go"),
  difficulty: DifficultyInputSchema.default("intermediate"),
}).strict();

export const JoinInterviewSchema = z.object({ code: z.string().trim().min(4, "Type the code you were given").max(20) }).strict();

export type SessionRequest = { ok: true; session: SessionRow; role: InterviewRole } | { ok: false; response: NextResponse<ApiError> };

/** The session a request names, if the policy lets the caller do `action` there (see policies/interviews.ts). */
export async function sessionOfRequest(id: string, action: InterviewAction = "interview.view"): Promise<SessionRequest> {
  const decision = await authorizeInterview(await getActor(), action, id);
  if (!decision.ok) return { ok: false, response: refusalResponse(decision.reason) };
  const session = await getSessionRow(decision.sessionId);
  if (!session) return { ok: false, response: refusalResponse("not_found") };
  return { ok: true, session, role: decision.role };
}

export const PRIVATE = { "cache-control": "private, no-store" } as const;
