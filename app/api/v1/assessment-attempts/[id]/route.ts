/**
 * GET /api/v1/assessment-attempts/:id: the caller's own attempt: while in progress, its questions'
 * sheets (no expected value, seed or salt), saved answers, the deadline and the server's now (the
 * page's timer counts from these); once submitted, the results holding only the feedback parts
 * whose moment has come. `?fields=clock`: only status, deadline and the server's now (the timer
 * re-syncs with it, and learns of time an instructor added). 404 for anyone but its student.
 */
import { NextResponse } from "next/server";
import { withApiErrors } from "@/lib/server/api";
import { studentAttempt } from "@/lib/server/assessments/student-view";
import { attemptResults } from "@/lib/server/assessments/taking";
import { PRIVATE } from "@/lib/server/assessments/taking-http";
import { getActor } from "@/lib/server/auth/actor";
import { refusalResponse } from "@/lib/server/auth/http";
import { authorizeAttempt } from "@/lib/server/auth/policy";
import { getDb } from "@/lib/server/db";

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export const GET = withApiErrors(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const decision = await authorizeAttempt(await getActor(), "attempt.work", id);
  if (!decision.ok) return refusalResponse(decision.reason === "forbidden" ? "not_found" : decision.reason);
  const now = Date.now();
  if (new URL(request.url).searchParams.get("fields") === "clock") {
    const row = await getDb().assessmentAttempt.findUnique({ where: { id }, select: { status: true, deadline: true } });
    if (!row) return refusalResponse("not_found");
    return NextResponse.json({ status: row.status, deadline: iso(row.deadline?.getTime() ?? null), serverNow: iso(now) }, { headers: PRIVATE });
  }
  const attempt = await studentAttempt(id, now);
  if (!attempt) return refusalResponse("not_found");
  const state = {
    id: attempt.id, assessmentId: attempt.assessmentId, status: attempt.status, number: attempt.number,
    startedAt: iso(attempt.startedAt), deadline: iso(attempt.deadline), serverNow: iso(now), submittedAt: iso(attempt.submittedAt),
    submittedBy: attempt.submittedBy, lastSavedAt: iso(attempt.lastSavedAt), answers: attempt.answers,
  };
  if (attempt.status === "submitted") return NextResponse.json({ ...state, results: await attemptResults(id, now) }, { headers: PRIVATE });
  return NextResponse.json({ ...state, questions: attempt.questions }, { headers: PRIVATE });
});
