/**
 * POST /api/v1/assessment-attempts/:attemptId/reopen {deadline? | minutes?, reason}: reopen a
 * submitted attempt until a new deadline (an instant, or minutes from now) or with none. Needs
 * `course.edit-assessments`; an attempt still in progress is a 409. Logged like adding time.
 */
import { NextResponse } from "next/server";
import { parseJsonBody, withApiErrors } from "@/lib/server/api";
import { getActor } from "@/lib/server/auth/actor";
import { refusalResponse } from "@/lib/server/auth/http";
import { authorizeAttempt } from "@/lib/server/auth/policy";
import { staffRefusalResponse } from "@/lib/server/gradebook/http";
import { reopenDeadline, ReopenSchema } from "@/lib/server/gradebook/schemas";
import { reopenAttempt } from "@/lib/server/gradebook/staff-actions";

export const POST = withApiErrors(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id: attemptId } = await params;
  const actor = await getActor();
  const decision = await authorizeAttempt(actor, "course.edit-assessments", attemptId);
  if (!decision.ok || actor.kind !== "user") return refusalResponse(decision.ok ? "sign_in_required" : decision.reason);
  const input = await parseJsonBody(request, ReopenSchema);
  if (!input.ok) return input.response;
  const now = Date.now();
  const done = await reopenAttempt(attemptId, actor.userId, reopenDeadline(input.data, now), input.data.reason, now);
  if (!done.ok) return staffRefusalResponse(done.reason, done.message);
  return NextResponse.json(done, { headers: { "cache-control": "no-store" } });
});
