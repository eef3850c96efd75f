/**
 * POST /api/v1/attempts {scenarioId, difficulty}: starts a practice attempt on a fresh secret
 * variant for the caller, a guest if nobody is signed in. Answers 201 with the attempt's id, its
 * label and its public sheet (never its seed).
 */
import { NextResponse } from "next/server";
import { notFound, parseJsonBody, withApiErrors } from "@/lib/server/api";
import { StartAttemptSchema } from "@/lib/server/api-schemas";
import { attemptView, startPractice } from "@/lib/server/practice";
import { getOrCreateRequestOwner } from "@/lib/server/request-owner";
import { refuseDuringExam } from "@/lib/server/assessments/exam-lock";

export const POST = withApiErrors(async (request: Request) => {
  const locked = await refuseDuringExam("practice");
  if (locked) return locked;
  const input = await parseJsonBody(request, StartAttemptSchema);
  if (!input.ok) return input.response;
  const owner = await getOrCreateRequestOwner();
  const started = await startPractice(owner, input.data.scenarioId, input.data.difficulty);
  if (!started.ok) return notFound("scenario");
  const view = attemptView(started.attempt);
  if (!view) return notFound("scenario");
  return NextResponse.json(view, {
    status: 201,
    headers: { "cache-control": "no-store", location: `/api/v1/attempts/${view.id}` },
  });
});
