/**
 * GET  /api/v1/assessments/:id/overrides: the per-student overrides (staff).
 * POST /api/v1/assessments/:id/overrides {studentId, reason, release?, close?, lateUntil?,
 *      timeLimitMinutes?, attempts?, passwordWaived?}: create or replace a student's override
 *      (instructors); checked against the assessment's rules, audited with its reason.
 */
import { NextResponse } from "next/server";
import { parseJsonBody, withApiErrors } from "@/lib/server/api";
import { getAssessment } from "@/lib/server/assessments/definitions";
import { listOverrides, saveOverride } from "@/lib/server/assessments/overrides";
import { invalidDefinition, NO_STORE, RowIdSchema } from "@/lib/server/assessments/responses";
import { getActor } from "@/lib/server/auth/actor";
import { refusalResponse } from "@/lib/server/auth/http";
import { authorizeAssessment } from "@/lib/server/auth/policy";
import { z } from "zod";

type Params = { params: Promise<{ assessmentId: string }> };

export const GET = withApiErrors(async (_request: Request, { params }: Params) => {
  const { assessmentId } = await params;
  if (!RowIdSchema.safeParse(assessmentId).success) return refusalResponse("not_found");
  const decision = await authorizeAssessment(await getActor(), "course.view-work", assessmentId);
  if (!decision.ok) return refusalResponse(decision.reason);
  const stored = await getAssessment(assessmentId);
  if (!stored) return refusalResponse("not_found");
  return NextResponse.json({ overrides: await listOverrides(stored) }, { headers: NO_STORE });
});

export const POST = withApiErrors(async (request: Request, { params }: Params) => {
  const { assessmentId } = await params;
  if (!RowIdSchema.safeParse(assessmentId).success) return refusalResponse("not_found");
  const decision = await authorizeAssessment(await getActor(), "course.edit-assessments", assessmentId);
  if (!decision.ok) return refusalResponse(decision.reason);
  // The override's own schema runs in saveOverride, so its messages come back with their paths.
  const body = await parseJsonBody(request, z.record(z.string(), z.unknown()));
  if (!body.ok) return body.response;
  const stored = await getAssessment(assessmentId);
  if (!stored) return refusalResponse("not_found");
  const saved = await saveOverride(stored, body.data, decision.grant.userId);
  if (!saved.ok) return invalidDefinition(saved.issues);
  return NextResponse.json({ override: saved.override, warnings: saved.warnings }, { status: saved.created ? 201 : 200, headers: NO_STORE });
});
