/**
 * POST /api/v1/assessment-attempts/:attemptId/adjustments: a manual adjustment with a required
 * note, {scope: "attempt", score, note} (a new total in points) or {scope: "field", slot, field,
 * points, note}. Needs `course.grade` (assistants may); an ungraded attempt is a 409, a missing
 * note or a value out of range a 422. Appended to the score ledger; answers the new score.
 */
import { NextResponse } from "next/server";
import { apiError, parseJsonBody, withApiErrors } from "@/lib/server/api";
import { getActor } from "@/lib/server/auth/actor";
import { refusalResponse } from "@/lib/server/auth/http";
import { authorizeAttempt } from "@/lib/server/auth/policy";
import { adjustScore } from "@/lib/server/gradebook/adjustments";
import { AdjustmentSchema } from "@/lib/server/gradebook/schemas";

export const POST = withApiErrors(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id: attemptId } = await params;
  const actor = await getActor();
  const decision = await authorizeAttempt(actor, "course.grade", attemptId);
  if (!decision.ok || actor.kind !== "user") return refusalResponse(decision.ok ? "sign_in_required" : decision.reason);
  const input = await parseJsonBody(request, AdjustmentSchema);
  if (!input.ok) return input.response;
  const done = await adjustScore(attemptId, actor.userId, input.data, Date.now());
  if (!done.ok) {
    if (done.reason === "not_found") return apiError(404, "not_found", done.message);
    const status = done.reason === "note_required" || done.reason === "out_of_range" || done.reason === "unknown_field" ? 422 : 409;
    return apiError(status, done.reason, done.message);
  }
  return NextResponse.json(done, { headers: { "cache-control": "no-store" } });
});
