/** GET /api/v1/interviews/:id: the caller's projection (candidate view or interviewer console); 404 to anyone else. */
import { NextResponse } from "next/server";
import { withApiErrors } from "@/lib/server/api";
import { refuseDuringExam } from "@/lib/server/assessments/exam-lock";
import { PRIVATE, sessionOfRequest } from "@/lib/server/interviews/http";
import { currentProjection } from "@/lib/server/interviews/sessions";

export const GET = withApiErrors(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const found = await sessionOfRequest((await params).id);
  if (!found.ok) return found.response;
  // The console holds the true trace; the candidate's view holds no expected value.
  if (found.role === "interviewer") {
    const locked = await refuseDuringExam("interviews");
    if (locked) return locked;
  }
  return NextResponse.json(await currentProjection(found.session, found.role), { headers: PRIVATE });
});
