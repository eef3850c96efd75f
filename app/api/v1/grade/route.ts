/**
 * POST /api/v1/grade {scenarioId, seed, difficulty, answers}: grades a sheet of a public catalogue
 * variant (409 while that variant is in an open attempt). A signed-in user's grading is stored as a
 * submitted attempt (mode "api", in Content-Location); an anonymous caller's is not stored.
 */
import { NextResponse } from "next/server";
import { apiError, notFound, parseJsonBody, withApiErrors } from "@/lib/server/api";
import { GradeSchema, MAX_ANSWERS_BODY_BYTES } from "@/lib/server/api-schemas";
import { gradeNow } from "@/lib/server/practice";
import { getScenario } from "@/lib/server/catalogue";
import { refuseVariantInPractice } from "@/lib/server/practice/variant-guard";
import { getRequestOwner } from "@/lib/server/request-owner";
import { busyResponse } from "@/lib/server/http/busy";
import { withRateLimit } from "@/lib/server/http/rate-limit";
import { refuseDuringExam } from "@/lib/server/assessments/exam-lock";

export const POST = withApiErrors(withRateLimit("grade", async (request: Request) => {
  const locked = await refuseDuringExam("grade");
  if (locked) return locked;
  const input = await parseJsonBody(request, GradeSchema, { maxBytes: MAX_ANSWERS_BODY_BYTES });
  if (!input.ok) return input.response;
  const found = getScenario(input.data.scenarioId);
  const refused = found && (await refuseVariantInPractice(found.scenario, input.data.seed));
  if (refused) return refused;
  const owner = await getRequestOwner();
  const graded = await gradeNow(owner, input.data, request.signal);
  if (!graded.ok && graded.reason === "client_gone") {
    // Nobody is listening any more, and nothing was stored.
    return apiError(499, "client_closed_request", "The request was cancelled before it was answered");
  }
  if (!graded.ok && graded.reason === "busy") return busyResponse(graded.retryAfterSeconds, "Grading is busy; try again shortly");
  if (!graded.ok) return notFound("scenario");
  return NextResponse.json(graded.result, {
    headers: { "cache-control": "no-store", ...(graded.attemptId ? { "content-location": `/api/v1/attempts/${graded.attemptId}` } : {}) },
  });
}));
