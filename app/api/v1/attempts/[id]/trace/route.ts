/**
 * GET /api/v1/attempts/:id/trace: the simulator's trace and the diagram, for the journey view.
 * The trace holds every expected value, so it is only served once the attempt is submitted (409
 * before), and only to the attempt's owner (404 for anyone else).
 */
import { NextResponse } from "next/server";
import { apiError, notFound, withApiErrors } from "@/lib/server/api";
import { ownedAttempt, PRIVATE } from "@/lib/server/attempt-access";
import { journeyForAttempt } from "@/lib/server/practice";
import { refuseDuringExam } from "@/lib/server/assessments/exam-lock";

export const GET = withApiErrors(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const locked = await refuseDuringExam("trace");
  if (locked) return locked;
  const found = await ownedAttempt((await params).id);
  if (!found.ok) return found.response;
  if (found.attempt.status !== "submitted") {
    return apiError(409, "not_submitted", "The trace is shown once the attempt is submitted");
  }
  const journey = journeyForAttempt(found.attempt);
  return journey ? NextResponse.json(journey, { headers: PRIVATE }) : notFound("scenario for this attempt");
});
