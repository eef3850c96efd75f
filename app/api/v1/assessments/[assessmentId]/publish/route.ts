/**
 * POST /api/v1/assessments/:id/publish: publish a draft (instructors). The definition is validated
 * again and every alternative is checked for its sweep of seeds; any failure refuses with 422 and
 * the failures per alternative. Publishing freezes the definition and the scenarios' content by
 * hash (lib/server/assessments/publish.ts); a second publish answers 409.
 */
import { NextResponse } from "next/server";
import { apiError, withApiErrors } from "@/lib/server/api";
import { checkAllAlternatives } from "@/lib/server/assessments/check-sweep";
import { getAssessment, validateDefinition, viewOf } from "@/lib/server/assessments/definitions";
import { publishAssessment } from "@/lib/server/assessments/publish";
import { invalidDefinition, NO_STORE, PUBLISHED_MESSAGE, RowIdSchema } from "@/lib/server/assessments/responses";
import { getActor } from "@/lib/server/auth/actor";
import { refusalResponse } from "@/lib/server/auth/http";
import { authorizeAssessment } from "@/lib/server/auth/policy";

export const POST = withApiErrors(async (_request: Request, { params }: { params: Promise<{ assessmentId: string }> }) => {
  const { assessmentId } = await params;
  if (!RowIdSchema.safeParse(assessmentId).success) return refusalResponse("not_found");
  const decision = await authorizeAssessment(await getActor(), "course.edit-assessments", assessmentId);
  if (!decision.ok) return refusalResponse(decision.reason);
  const stored = await getAssessment(assessmentId);
  if (!stored) return refusalResponse("not_found");
  if (stored.status === "published") return apiError(409, "published", PUBLISHED_MESSAGE);
  // The catalogue may have changed since the draft was saved: check the definition again.
  const valid = validateDefinition(stored.definition);
  if (!valid.ok) return invalidDefinition(valid.issues);
  const failed = checkAllAlternatives(stored).filter((r) => !r.passed);
  if (failed.length > 0) {
    return apiError(422, "check_failed", "The check before publishing failed: fix or remove these alternatives", undefined,
      failed.map((r) => ({ path: `zones[${r.zone}].alternatives[${r.alternative}]`, line: null, message: `${r.scenarioId} at ${r.difficulty}: ${r.failures.join("; ")}` })));
  }
  const published = await publishAssessment(assessmentId, decision.grant.userId, new Date());
  if (!published.ok) {
    if (published.reason === "already_published") return apiError(409, "published", PUBLISHED_MESSAGE);
    if (published.reason === "not_found") return refusalResponse("not_found");
    return invalidDefinition([{ path: "zones", line: null, message: published.message }]);
  }
  const after = await getAssessment(assessmentId);
  return NextResponse.json({ assessment: after ? viewOf(after) : null }, { headers: NO_STORE });
});
