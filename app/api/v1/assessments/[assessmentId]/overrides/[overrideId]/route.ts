/** DELETE /api/v1/assessments/:id/overrides/:overrideId?reason=...: remove a student's override (instructors), audited. */
import { NextResponse } from "next/server";
import { z } from "zod";
import { parseQuery, withApiErrors } from "@/lib/server/api";
import { getAssessment } from "@/lib/server/assessments/definitions";
import { deleteOverride } from "@/lib/server/assessments/overrides";
import { RowIdSchema } from "@/lib/server/assessments/responses";
import { getActor } from "@/lib/server/auth/actor";
import { refusalResponse } from "@/lib/server/auth/http";
import { authorizeAssessment } from "@/lib/server/auth/policy";

const QuerySchema = z.object({ reason: z.string().trim().min(1, "say why the override goes").max(500) }).strict();

export const DELETE = withApiErrors(async (request: Request, { params }: { params: Promise<{ assessmentId: string; overrideId: string }> }) => {
  const { assessmentId, overrideId } = await params;
  if (!RowIdSchema.safeParse(assessmentId).success || !RowIdSchema.safeParse(overrideId).success) return refusalResponse("not_found");
  const decision = await authorizeAssessment(await getActor(), "course.edit-assessments", assessmentId);
  if (!decision.ok) return refusalResponse(decision.reason);
  const query = parseQuery(request, QuerySchema);
  if (!query.ok) return query.response;
  const stored = await getAssessment(assessmentId);
  if (!stored) return refusalResponse("not_found");
  const deleted = await deleteOverride(stored, overrideId, decision.grant.userId, query.data.reason);
  return deleted ? new NextResponse(null, { status: 204 }) : refusalResponse("not_found");
});
