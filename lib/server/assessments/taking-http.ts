/**
 * The HTTP side of taking an assessment, shared by the /api/v1/assessment-attempts routes: the
 * request schemas (extra keys such as a client's "time" are dropped, never read: the server's clock
 * is the only clock) and one mapping from a refusal to its status and JSON body.
 */
import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { formatUtc } from "@/lib/assessment/access";
import { GRACE_MS } from "@/lib/assessment/deadline";
import { AnswersSchema } from "../api-schemas";

const SLOT = /^z\d{1,3}q\d{1,3}$/;

/** Answers by drawn slot, then blank id (a slot the attempt does not have is dropped by the service). */
export const SlotAnswersSchema = z
  .record(z.string().regex(SLOT, "A slot is like z0q0"), AnswersSchema, { error: "Answers are { slot: { blankId: answer } }" })
  .refine((a) => Object.keys(a).length <= 100, "At most 100 questions");

export const StartAssessmentSchema = z.object({
  assessmentId: z.string().min(1).max(40),
  password: z.string().max(200).optional(),
});

export const SaveSlotAnswersSchema = z.object({ answers: SlotAnswersSchema });
export const SubmitSchema = z.object({ answers: SlotAnswersSchema.optional() });

export const PRIVATE = { "cache-control": "private, no-store" } as const;

const STATUS: Readonly<Record<string, number>> = {
  not_found: 404,
  password_required: 403,
  invalid_event: 422,
};

/** A refusal of the attempt services as JSON: 404 not_found, 403 password_required, else 409 naming it. */
export function takingRefusal(reason: string, message: string, extra: { deadline?: number | null; attemptId?: string } = {}) {
  const deadline = extra.deadline ?? null;
  const body: Record<string, unknown> = { code: reason, message };
  if (reason === "deadline_passed" && deadline !== null) {
    body.message = `The time for this attempt ended at ${formatUtc(deadline)} (requests are accepted up to ${GRACE_MS / 1000} s after it): your answers saved before then were submitted and are graded.`;
    body.deadline = new Date(deadline).toISOString();
  }
  return NextResponse.json({ error: body }, { status: STATUS[reason] ?? 409, headers: PRIVATE });
}
