/**
 * GET /api/v1/attempts/:id: the owner's attempt: its public sheet, the saved answers, its status,
 * and the grading once submitted. Anyone else gets a 404.
 */
import { NextResponse } from "next/server";
import { notFound, withApiErrors } from "@/lib/server/api";
import { ownedAttempt, PRIVATE } from "@/lib/server/attempt-access";
import { attemptView } from "@/lib/server/practice";
import { refuseDuringExam } from "@/lib/server/assessments/exam-lock";

export const GET = withApiErrors(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const locked = await refuseDuringExam("practice");
  if (locked) return locked;
  const found = await ownedAttempt((await params).id);
  if (!found.ok) return found.response;
  const view = attemptView(found.attempt);
  return view ? NextResponse.json(view, { headers: PRIVATE }) : notFound("scenario for this attempt");
});
