/**
 * POST /api/v1/assessment-attempts/:id/submit {answers?}: a last save of `answers` (optional), then
 * the submit, then grading, exactly once. A replayed submit: 409 already_submitted (graded once);
 * after the deadline + grace: 409 deadline_passed (the saved answers were submitted at the deadline).
 */
import { NextResponse } from "next/server";
import { parseJsonBody, withApiErrors } from "@/lib/server/api";
import { MAX_ANSWERS_BODY_BYTES } from "@/lib/server/api-schemas";
import { closeOverdueAttempts, submitAttempt } from "@/lib/server/assessments/attempts";
import { PRIVATE, SubmitSchema, takingRefusal } from "@/lib/server/assessments/taking-http";
import { getActor } from "@/lib/server/auth/actor";
import { refusalResponse } from "@/lib/server/auth/http";
import { authorizeAttempt } from "@/lib/server/auth/policy";
import { getDb } from "@/lib/server/db";

export const POST = withApiErrors(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const decision = await authorizeAttempt(await getActor(), "attempt.work", id);
  if (!decision.ok) return refusalResponse(decision.reason === "forbidden" ? "not_found" : decision.reason);
  // No body (the page's button, a client sending Content-Length: 0 whatever its Content-Type) is a plain submit.
  const length = request.headers.get("content-length");
  const hasBody = length !== "0" && (length !== null || request.headers.has("content-type"));
  const input = hasBody ? await parseJsonBody(request, SubmitSchema, { maxBytes: MAX_ANSWERS_BODY_BYTES }) : { ok: true as const, data: {} };
  if (!input.ok) return input.response;
  const now = Date.now();
  const submitted = await submitAttempt(id, now, input.data.answers);
  if (!submitted.ok) {
    const row = await getDb().assessmentAttempt.findUnique({ where: { id }, select: { deadline: true } });
    if (submitted.reason === "deadline_passed") await closeOverdueAttempts(now, { id });
    return takingRefusal(submitted.reason, submitted.message, { deadline: row?.deadline?.getTime() ?? null });
  }
  return NextResponse.json(
    { id, status: "submitted", submittedAt: new Date(submitted.savedAt).toISOString(), href: `/courses/${decision.courseId}/attempts/${id}` },
    { headers: PRIVATE },
  );
});
