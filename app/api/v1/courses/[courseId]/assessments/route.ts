/**
 * GET  /api/v1/courses/:courseId/assessments: the course's assessments (staff).
 * POST /api/v1/courses/:courseId/assessments {definition} or {yaml}: a new draft (instructors).
 * A YAML file's problems come back as a 422 with line numbers; the draft gets its own secret.
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { loadAssessmentText } from "@/lib/assessment";
import { apiError, parseJsonBody, withApiErrors } from "@/lib/server/api";
import { catalogueIds, createDraft, listAssessments, viewOf } from "@/lib/server/assessments/definitions";
import { DEFINITION_MAX_BYTES, draftRefusal, invalidDefinition, NO_STORE, RowIdSchema } from "@/lib/server/assessments/responses";
import { getActor } from "@/lib/server/auth/actor";
import { refusalResponse } from "@/lib/server/auth/http";
import { authorizeCourse } from "@/lib/server/auth/policy";

type Params = { params: Promise<{ courseId: string }> };

const CreateSchema = z.object({
  definition: z.unknown().optional(),
  yaml: z.string().max(200_000).optional(),
}).strict().refine((b) => (b.definition === undefined) !== (b.yaml === undefined), { message: "send either definition or yaml", path: ["form"] });

export const GET = withApiErrors(async (_request: Request, { params }: Params) => {
  const { courseId } = await params;
  if (!RowIdSchema.safeParse(courseId).success) return refusalResponse("not_found");
  const decision = await authorizeCourse(await getActor(), "course.view-work", courseId);
  if (!decision.ok) return refusalResponse(decision.reason);
  return NextResponse.json({ assessments: await listAssessments(courseId) }, { headers: NO_STORE });
});

export const POST = withApiErrors(async (request: Request, { params }: Params) => {
  const { courseId } = await params;
  if (!RowIdSchema.safeParse(courseId).success) return refusalResponse("not_found");
  const decision = await authorizeCourse(await getActor(), "course.edit-assessments", courseId);
  if (!decision.ok) return refusalResponse(decision.reason);
  const body = await parseJsonBody(request, CreateSchema, { maxBytes: DEFINITION_MAX_BYTES });
  if (!body.ok) return body.response;
  let definition = body.data.definition;
  if (body.data.yaml !== undefined) {
    const loaded = loadAssessmentText(body.data.yaml, "import.yaml", catalogueIds());
    if (!loaded.ok) return invalidDefinition(loaded.errors.map((e) => ({ path: e.path, line: e.line, message: e.message })));
    definition = loaded.definition;
  }
  if (definition === undefined) return apiError(422, "invalid_input", "Send either definition or yaml");
  const created = await createDraft(courseId, definition, { actorId: decision.grant.userId });
  if (!created.ok) return draftRefusal(created);
  return NextResponse.json({ assessment: viewOf(created.assessment), warnings: created.warnings }, {
    status: 201,
    headers: { ...NO_STORE, location: `/api/v1/assessments/${created.assessment.id}` },
  });
});
