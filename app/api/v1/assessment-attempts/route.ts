/**
 * POST /api/v1/assessment-attempts {assessmentId, password?}: starts the caller's next attempt at a
 * published assessment of a course they take. 201 with the attempt's id, its deadline fixed by the
 * server and the server's now; 404 outside the course; 409 naming the rule that refuses (not yet
 * open, closed, an attempt in progress, no attempts left); 403 password_required.
 */
import { NextResponse } from "next/server";
import { parseJsonBody, withApiErrors } from "@/lib/server/api";
import { startAttempt } from "@/lib/server/assessments/attempts";
import { PRIVATE, StartAssessmentSchema, takingRefusal } from "@/lib/server/assessments/taking-http";
import { getActor } from "@/lib/server/auth/actor";
import { refusalResponse } from "@/lib/server/auth/http";
import { authorizeAssessment } from "@/lib/server/auth/policy";

export const POST = withApiErrors(async (request: Request) => {
  const input = await parseJsonBody(request, StartAssessmentSchema);
  if (!input.ok) return input.response;
  const decision = await authorizeAssessment(await getActor(), "course.take", input.data.assessmentId);
  if (!decision.ok) return refusalResponse(decision.reason);
  const now = Date.now();
  const started = await startAttempt({ assessmentId: decision.assessment.id, userId: decision.grant.userId, timeFactor: decision.grant.timeFactor, password: input.data.password }, now);
  if (!started.ok) return takingRefusal(started.reason, started.message);
  const href = `/courses/${decision.assessment.courseId}/attempts/${started.attemptId}`;
  return NextResponse.json(
    { id: started.attemptId, deadline: started.deadline === null ? null : new Date(started.deadline).toISOString(), serverNow: new Date(now).toISOString(), href },
    { status: 201, headers: { ...PRIVATE, location: `/api/v1/assessment-attempts/${started.attemptId}` } },
  );
});
