/**
 * POST /api/v1/attempts/:id/submit: grades the saved answers, exactly once. A doubled or retried
 * submit gets the stored result, identical to the first, with 200.
 */
import { NextResponse } from "next/server";
import { apiError, notFound, withApiErrors } from "@/lib/server/api";
import { ownedAttempt, PRIVATE } from "@/lib/server/attempt-access";
import { attemptView, submitPractice } from "@/lib/server/practice";
import { refuseDuringExam } from "@/lib/server/assessments/exam-lock";

export const POST = withApiErrors(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const locked = await refuseDuringExam("practice");
  if (locked) return locked;
  const found = await ownedAttempt((await params).id);
  if (!found.ok) return found.response;
  const submitted = await submitPractice(found.attempt.id, found.owner);
  if (!submitted.ok) {
    if (submitted.reason === "not_found") return notFound("attempt");
    return apiError(409, "changed_while_grading", "The answers kept changing while they were graded. Submit again.");
  }
  const view = attemptView(submitted.attempt);
  if (!view) return notFound("scenario for this attempt");
  return NextResponse.json(
    { id: view.id, status: view.status, submittedAt: view.submittedAt, result: view.result },
    { headers: PRIVATE },
  );
});
