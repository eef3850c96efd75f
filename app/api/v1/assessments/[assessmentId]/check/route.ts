/**
 * POST /api/v1/assessments/:id/check {zone, alternative}: builds and simulates one alternative for
 * its sweep of seeds (staff who edit assessments). The builder calls it alternative by alternative,
 * so the page shows progress and each one's failures; publishing runs the whole sweep again.
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { apiError, parseJsonBody, withApiErrors } from "@/lib/server/api";
import { checkAlternative } from "@/lib/server/assessments/check-sweep";
import { getAssessment } from "@/lib/server/assessments/definitions";
import { NO_STORE, RowIdSchema } from "@/lib/server/assessments/responses";
import { getActor } from "@/lib/server/auth/actor";
import { refusalResponse } from "@/lib/server/auth/http";
import { authorizeAssessment } from "@/lib/server/auth/policy";

const CheckSchema = z.object({
  zone: z.number().int().min(0).max(49),
  alternative: z.number().int().min(0).max(999),
}).strict();

export const POST = withApiErrors(async (request: Request, { params }: { params: Promise<{ assessmentId: string }> }) => {
  const { assessmentId } = await params;
  if (!RowIdSchema.safeParse(assessmentId).success) return refusalResponse("not_found");
  const decision = await authorizeAssessment(await getActor(), "course.edit-assessments", assessmentId);
  if (!decision.ok) return refusalResponse(decision.reason);
  const body = await parseJsonBody(request, CheckSchema);
  if (!body.ok) return body.response;
  const stored = await getAssessment(assessmentId);
  if (!stored) return refusalResponse("not_found");
  const result = checkAlternative(stored, body.data.zone, body.data.alternative);
  if (!result) return apiError(422, "invalid_input", "No such alternative in this assessment", { alternative: ["no such zone or alternative"] });
  return NextResponse.json({ result }, { headers: NO_STORE });
});
