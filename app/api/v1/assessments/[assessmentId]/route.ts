/**
 * GET    /api/v1/assessments/:id: the definition as the builder edits it (staff; no secret, no password hash).
 * PUT    /api/v1/assessments/:id {definition, password}: replace a draft's definition (instructors).
 *        password: "keep" (default), "clear" or {set: "..."}: hashed here, never stored or echoed as text.
 * DELETE /api/v1/assessments/:id: delete a draft. A published assessment refuses both with 409.
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { parseJsonBody, withApiErrors } from "@/lib/server/api";
import { deleteDraft, getAssessment, type PasswordChange, updateDraft, viewOf } from "@/lib/server/assessments/definitions";
import { DEFINITION_MAX_BYTES, draftRefusal, NO_STORE, RowIdSchema } from "@/lib/server/assessments/responses";
import { getActor } from "@/lib/server/auth/actor";
import { refusalResponse } from "@/lib/server/auth/http";
import { authorizeAssessment } from "@/lib/server/auth/policy";
import { hashPassword } from "@/lib/server/passwords";

type Params = { params: Promise<{ assessmentId: string }> };

const SaveSchema = z.object({
  definition: z.unknown(),
  password: z.union([
    z.literal("keep"),
    z.literal("clear"),
    z.object({ set: z.string().min(4, "at least 4 characters").max(200) }).strict(),
  ]).default("keep"),
}).strict();

export const GET = withApiErrors(async (_request: Request, { params }: Params) => {
  const { assessmentId } = await params;
  if (!RowIdSchema.safeParse(assessmentId).success) return refusalResponse("not_found");
  const decision = await authorizeAssessment(await getActor(), "course.view-work", assessmentId);
  if (!decision.ok) return refusalResponse(decision.reason);
  const stored = await getAssessment(assessmentId);
  if (!stored) return refusalResponse("not_found");
  return NextResponse.json({ assessment: viewOf(stored) }, { headers: NO_STORE });
});

export const PUT = withApiErrors(async (request: Request, { params }: Params) => {
  const { assessmentId } = await params;
  if (!RowIdSchema.safeParse(assessmentId).success) return refusalResponse("not_found");
  const decision = await authorizeAssessment(await getActor(), "course.edit-assessments", assessmentId);
  if (!decision.ok) return refusalResponse(decision.reason);
  const body = await parseJsonBody(request, SaveSchema, { maxBytes: DEFINITION_MAX_BYTES });
  if (!body.ok) return body.response;
  const { password } = body.data;
  const change: PasswordChange = password === "keep" || password === "clear" ? { kind: password } : { kind: "set", hash: await hashPassword(password.set) };
  const saved = await updateDraft(assessmentId, body.data.definition, change, { actorId: decision.grant.userId });
  if (!saved.ok) return draftRefusal(saved);
  return NextResponse.json({ assessment: viewOf(saved.assessment), warnings: saved.warnings }, { headers: NO_STORE });
});

export const DELETE = withApiErrors(async (_request: Request, { params }: Params) => {
  const { assessmentId } = await params;
  if (!RowIdSchema.safeParse(assessmentId).success) return refusalResponse("not_found");
  const decision = await authorizeAssessment(await getActor(), "course.edit-assessments", assessmentId);
  if (!decision.ok) return refusalResponse(decision.reason);
  const deleted = await deleteDraft(assessmentId, { actorId: decision.grant.userId });
  if (!deleted.ok) return draftRefusal({ ok: false, reason: deleted.reason });
  return new NextResponse(null, { status: 204 });
});
