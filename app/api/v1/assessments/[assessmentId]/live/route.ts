/**
 * GET /api/v1/assessments/:assessmentId/live: the instructor's live view as JSON (every enrolled
 * student's state, progress and last save, the audit trail), polled by the live page. Staff only
 * (`course.view-work`); anyone outside the course gets 404.
 */
import { NextResponse } from "next/server";
import { notFound, withApiErrors } from "@/lib/server/api";
import { getActor } from "@/lib/server/auth/actor";
import { refusalResponse } from "@/lib/server/auth/http";
import { authorizeAssessment } from "@/lib/server/auth/policy";
import { loadLiveView } from "@/lib/server/gradebook/live";

export const GET = withApiErrors(async (_request: Request, { params }: { params: Promise<{ assessmentId: string }> }) => {
  const { assessmentId } = await params;
  const decision = await authorizeAssessment(await getActor(), "course.view-work", assessmentId);
  if (!decision.ok) return refusalResponse(decision.reason);
  const view = await loadLiveView(assessmentId, Date.now());
  if (!view) return notFound("assessment");
  return NextResponse.json(view, { headers: { "cache-control": "no-store" } });
});
