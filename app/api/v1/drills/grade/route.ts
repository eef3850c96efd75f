/**
 * POST /api/v1/drills/grade {seed, kind, answers}: grades a drill by regenerating it from its seed
 * and records the result for the request's owner (a guest gets a guest cookie). When an answer
 * cannot be read, only the format errors come back (no expected values), so the learner can fix
 * the notation and submit again.
 */
import { NextResponse } from "next/server";
import { gradeDrill } from "@/lib/drills";
import { apiError, parseJsonBody, withApiErrors } from "@/lib/server/api";
import { recordDrillAttempt } from "@/lib/server/drills";
import { getOrCreateRequestOwner } from "@/lib/server/request-owner";
import { GradeDrillSchema } from "../schemas";
import { withRateLimit } from "@/lib/server/http/rate-limit";
import { refuseDuringExam } from "@/lib/server/assessments/exam-lock";

export const dynamic = "force-dynamic";

export const POST = withApiErrors(withRateLimit("drills", async (request: Request) => {
  const locked = await refuseDuringExam("drills");
  if (locked) return locked;
  const body = await parseJsonBody(request, GradeDrillSchema);
  if (!body.ok) return body.response;
  const { seed, kind, answers } = body.data;
  const graded = gradeDrill(seed, kind, answers);
  if (!graded.ok) return apiError(422, "invalid_input", graded.error);
  const grade = graded.value;
  const headers = { "cache-control": "no-store" };
  if (grade.formatErrors > 0) {
    const errors = Object.fromEntries(grade.blanks.filter((b) => b.status === "format-error").map((b) => [b.blankId, b.feedback]));
    return NextResponse.json({ status: "format-errors", errors }, { headers });
  }
  const owner = await getOrCreateRequestOwner();
  const correct = grade.blanks.filter((b) => b.correct).length;
  await recordDrillAttempt(owner, { kind, seed, correct, total: grade.blanks.length });
  return NextResponse.json({ status: "graded", grade }, { headers });
}));
