/**
 * GET /api/v1/interviews/:id/follow-ups: the follow-ups that can be asked. The interviewer sees
 * what each what-if changes (hops, outcomes, the fields and their true values before and after);
 * a solo learner sees only the questions that can be asked.
 */
import { NextResponse } from "next/server";
import { notFound, withApiErrors } from "@/lib/server/api";
import { interviewAllows } from "@/lib/server/auth/policies/interviews";
import { refuseDuringExam } from "@/lib/server/assessments/exam-lock";
import { PRIVATE, sessionOfRequest } from "@/lib/server/interviews/http";
import { loadState } from "@/lib/server/interviews/log";
import { followUpPreviews } from "@/lib/server/interviews/sessions";

export const GET = withApiErrors(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const found = await sessionOfRequest((await params).id);
  if (!found.ok) return found.response;
  // The interviewer's previews hold the changed trace's true values.
  if (interviewAllows(found.role, "interview.console")) {
    const locked = await refuseDuringExam("interviews");
    if (locked) return locked;
  }
  const { state } = await loadState(found.session.id);
  const previews = followUpPreviews(found.session, state);
  if (interviewAllows(found.role, "interview.console")) return NextResponse.json({ followUps: previews }, { headers: PRIVATE });
  if (found.session.mode !== "solo") return notFound("interview");
  const askable = previews.filter((p) => p.kind !== "refused").map((p) => ({ id: p.id, question: p.question, asked: state.followUpsAsked.includes(p.id) }));
  return NextResponse.json({ followUps: askable }, { headers: PRIVATE });
});
