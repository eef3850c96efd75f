/**
 * PUT /api/v1/assessment-attempts/:id/answers {answers: {slot: {blankId: answer}}}: autosave, merged
 * blank by blank into what was saved. Dated by the server's clock (any time in the body is ignored);
 * after the deadline + grace: 409 deadline_passed with the deadline; once submitted: 409
 * already_submitted. POST does the same for a keepalive request as the page closes.
 */
import { NextResponse } from "next/server";
import { parseJsonBody, withApiErrors } from "@/lib/server/api";
import { MAX_ANSWERS_BODY_BYTES } from "@/lib/server/api-schemas";
import { closeOverdueAttempts, saveAttemptAnswers } from "@/lib/server/assessments/attempts";
import { PRIVATE, SaveSlotAnswersSchema, takingRefusal } from "@/lib/server/assessments/taking-http";
import { getActor } from "@/lib/server/auth/actor";
import { refusalResponse } from "@/lib/server/auth/http";
import { authorizeAttempt } from "@/lib/server/auth/policy";
import { getDb } from "@/lib/server/db";

async function save(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const decision = await authorizeAttempt(await getActor(), "attempt.work", id);
  if (!decision.ok) return refusalResponse(decision.reason === "forbidden" ? "not_found" : decision.reason);
  const input = await parseJsonBody(request, SaveSlotAnswersSchema, { maxBytes: MAX_ANSWERS_BODY_BYTES });
  if (!input.ok) return input.response;
  const now = Date.now();
  const saved = await saveAttemptAnswers(id, input.data.answers, now);
  if (!saved.ok) {
    const row = await getDb().assessmentAttempt.findUnique({ where: { id }, select: { deadline: true } });
    // Too late: the server closes and grades the attempt now rather than at the next sweep.
    if (saved.reason === "deadline_passed") await closeOverdueAttempts(now, { id });
    return takingRefusal(saved.reason, saved.message, { deadline: row?.deadline?.getTime() ?? null });
  }
  return NextResponse.json({ saved: true, savedAt: new Date(saved.savedAt).toISOString(), serverNow: new Date(now).toISOString() }, { headers: PRIVATE });
}

export const PUT = withApiErrors(save);
export const POST = withApiErrors(save);
