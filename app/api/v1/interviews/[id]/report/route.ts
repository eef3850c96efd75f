/**
 * GET /api/v1/interviews/:id/report: the report (answers next to the true values). The interviewer
 * may read it at any time; the candidate once the session has ended (409 before: it holds the key).
 * 423 exam_in_progress while the caller has an exam in progress.
 */
import { NextResponse } from "next/server";
import { apiError, withApiErrors } from "@/lib/server/api";
import { refuseDuringExam } from "@/lib/server/assessments/exam-lock";
import { PRIVATE, sessionOfRequest } from "@/lib/server/interviews/http";
import { reportFor } from "@/lib/server/interviews/sessions";

export const GET = withApiErrors(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const found = await sessionOfRequest((await params).id);
  if (!found.ok) return found.response;
  const locked = await refuseDuringExam("interviews");
  if (locked) return locked;
  if (found.role === "candidate" && found.session.status !== "ended") {
    return apiError(409, "interview_not_ended", "The report is ready when the interview ends");
  }
  return NextResponse.json(await reportFor(found.session), { headers: PRIVATE });
});
