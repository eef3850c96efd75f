/**
 * GET /api/v1/interviews/:id/report: the report (answers next to the true values). The interviewer
 * may read it at any time; the candidate once the session has ended (409 before: it holds the key).
 */
import { NextResponse } from "next/server";
import { apiError, withApiErrors } from "@/lib/server/api";
import { PRIVATE, sessionOfRequest } from "@/lib/server/interviews/http";
import { reportFor } from "@/lib/server/interviews/sessions";

export const GET = withApiErrors(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const found = await sessionOfRequest((await params).id);
  if (!found.ok) return found.response;
  if (found.role === "candidate" && found.session.status !== "ended") {
    return apiError(409, "interview_not_ended", "The report is ready when the interview ends");
  }
  return NextResponse.json(await reportFor(found.session), { headers: PRIVATE });
});
