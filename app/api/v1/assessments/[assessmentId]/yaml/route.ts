/** GET /api/v1/assessments/:id/yaml: the definition as a YAML file to download (instructors), read back equal by import. */
import { exportAssessmentYaml } from "@/lib/assessment";
import { withApiErrors } from "@/lib/server/api";
import { getAssessment } from "@/lib/server/assessments/definitions";
import { RowIdSchema } from "@/lib/server/assessments/responses";
import { getActor } from "@/lib/server/auth/actor";
import { refusalResponse } from "@/lib/server/auth/http";
import { authorizeAssessment } from "@/lib/server/auth/policy";

export const GET = withApiErrors(async (_request: Request, { params }: { params: Promise<{ assessmentId: string }> }) => {
  const { assessmentId } = await params;
  if (!RowIdSchema.safeParse(assessmentId).success) return refusalResponse("not_found");
  const decision = await authorizeAssessment(await getActor(), "course.edit-assessments", assessmentId);
  if (!decision.ok) return refusalResponse(decision.reason);
  const stored = await getAssessment(assessmentId);
  if (!stored) return refusalResponse("not_found");
  return new Response(exportAssessmentYaml(stored.definition), {
    headers: {
      "content-type": "application/yaml; charset=utf-8",
      "content-disposition": `attachment; filename="${stored.slug}.yaml"`,
      "cache-control": "no-store",
    },
  });
});
