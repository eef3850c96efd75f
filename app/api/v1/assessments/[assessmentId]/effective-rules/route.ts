/** GET /api/v1/assessments/:id/effective-rules?student=<userId>: what applies to one student now, and why (staff). */
import { NextResponse } from "next/server";
import { z } from "zod";
import { parseQuery, withApiErrors } from "@/lib/server/api";
import { getAssessment } from "@/lib/server/assessments/definitions";
import { effectiveRulesView } from "@/lib/server/assessments/overrides";
import { NO_STORE, RowIdSchema } from "@/lib/server/assessments/responses";
import { getActor } from "@/lib/server/auth/actor";
import { refusalResponse } from "@/lib/server/auth/http";
import { authorizeAssessment } from "@/lib/server/auth/policy";

const QuerySchema = z.object({ student: RowIdSchema }).strict();

export const GET = withApiErrors(async (request: Request, { params }: { params: Promise<{ assessmentId: string }> }) => {
  const { assessmentId } = await params;
  if (!RowIdSchema.safeParse(assessmentId).success) return refusalResponse("not_found");
  const decision = await authorizeAssessment(await getActor(), "course.view-work", assessmentId);
  if (!decision.ok) return refusalResponse(decision.reason);
  const query = parseQuery(request, QuerySchema);
  if (!query.ok) return query.response;
  const stored = await getAssessment(assessmentId);
  if (!stored) return refusalResponse("not_found");
  const view = await effectiveRulesView(stored, query.data.student, Date.now());
  return view ? NextResponse.json({ rules: view }, { headers: NO_STORE }) : refusalResponse("not_found");
});
