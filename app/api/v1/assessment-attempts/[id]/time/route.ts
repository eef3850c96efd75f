/**
 * POST /api/v1/assessment-attempts/:attemptId/time {minutes, reason}: give an attempt in progress
 * more time. Needs `course.edit-assessments` (an assistant gets 403, anyone outside the course
 * 404); a submitted or untimed attempt is a 409 with the reason. Logged in the attempt's events
 * and the course's audit trail.
 */
import { NextResponse } from "next/server";
import { parseJsonBody, withApiErrors } from "@/lib/server/api";
import { getActor } from "@/lib/server/auth/actor";
import { refusalResponse } from "@/lib/server/auth/http";
import { authorizeAttempt } from "@/lib/server/auth/policy";
import { staffRefusalResponse } from "@/lib/server/gradebook/http";
import { AddTimeSchema } from "@/lib/server/gradebook/schemas";
import { addAttemptTime } from "@/lib/server/gradebook/staff-actions";

export const POST = withApiErrors(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id: attemptId } = await params;
  const actor = await getActor();
  const decision = await authorizeAttempt(actor, "course.edit-assessments", attemptId);
  if (!decision.ok || actor.kind !== "user") return refusalResponse(decision.ok ? "sign_in_required" : decision.reason);
  const input = await parseJsonBody(request, AddTimeSchema);
  if (!input.ok) return input.response;
  const done = await addAttemptTime(attemptId, actor.userId, input.data.minutes, input.data.reason, Date.now());
  if (!done.ok) return staffRefusalResponse(done.reason, done.message);
  return NextResponse.json(done, { headers: { "cache-control": "no-store" } });
});
