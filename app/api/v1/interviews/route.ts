/**
 * POST /api/v1/interviews {scenarioId, mode, grading?, difficulty?}: starts a mock interview on a
 * fresh secret variant. Live needs an account (the creator interviews); solo works for a guest.
 * GET: the caller's sessions, as interviewer and as candidate.
 */
import { NextResponse } from "next/server";
import { apiError, notFound, parseJsonBody, withApiErrors } from "@/lib/server/api";
import { refuseDuringExam } from "@/lib/server/assessments/exam-lock";
import { PRIVATE, StartInterviewSchema } from "@/lib/server/interviews/http";
import { listSessionsOf } from "@/lib/server/interviews/lists";
import { startInterview } from "@/lib/server/interviews/sessions";
import { getOrCreateRequestOwner, getRequestOwner } from "@/lib/server/request-owner";

export const POST = withApiErrors(async (request: Request) => {
  const locked = await refuseDuringExam("interviews");
  if (locked) return locked;
  const input = await parseJsonBody(request, StartInterviewSchema);
  if (!input.ok) return input.response;
  const owner = await getOrCreateRequestOwner();
  const started = await startInterview(owner, input.data);
  if (!started.ok) {
    return started.reason === "unknown_scenario" ? notFound("scenario") : apiError(401, "sign_in_to_interview", "Sign in to run a live interview (a candidate may join as a guest)");
  }
  const s = started.session;
  return NextResponse.json({ id: s.id, mode: s.mode, joinCode: s.mode === "live" ? s.joinCode : null }, { status: 201, headers: { ...PRIVATE, location: `/api/v1/interviews/${s.id}` } });
});

export const GET = withApiErrors(async () => {
  const owner = await getRequestOwner();
  return NextResponse.json(owner ? await listSessionsOf(owner) : { interviewed: [], taken: [] }, { headers: PRIVATE });
});
