/**
 * PUT /api/v1/attempts/:id/answers {answers}: autosave. Replaces the saved answers while the
 * attempt is in progress; 409 once it is submitted. POST does the same, for clients that can
 * only POST as a page closes (the practice page uses a keepalive PUT).
 */
import { NextResponse } from "next/server";
import { apiError, notFound, parseJsonBody, withApiErrors } from "@/lib/server/api";
import { MAX_ANSWERS_BODY_BYTES, SaveAnswersSchema } from "@/lib/server/api-schemas";
import { ownedAttempt, PRIVATE } from "@/lib/server/attempt-access";
import { saveAnswers } from "@/lib/server/attempts";
import { refuseDuringExam } from "@/lib/server/assessments/exam-lock";

async function save(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const locked = await refuseDuringExam("practice");
  if (locked) return locked;
  const found = await ownedAttempt((await params).id);
  if (!found.ok) return found.response;
  if (found.attempt.status === "submitted") return alreadySubmitted();
  const input = await parseJsonBody(request, SaveAnswersSchema, { maxBytes: MAX_ANSWERS_BODY_BYTES });
  if (!input.ok) return input.response;
  const saved = await saveAnswers(found.attempt.id, found.owner, input.data.answers);
  if (!saved.ok) return saved.reason === "already_submitted" ? alreadySubmitted() : notFound("attempt");
  return NextResponse.json({ saved: true, answers: Object.keys(input.data.answers).length }, { headers: PRIVATE });
}

function alreadySubmitted() {
  return apiError(409, "already_submitted", "This attempt has been submitted: its answers can no longer change");
}

export const PUT = withApiErrors(save);
export const POST = withApiErrors(save);
