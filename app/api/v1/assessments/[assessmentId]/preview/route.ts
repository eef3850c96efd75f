/**
 * POST /api/v1/assessments/:id/preview {students: ["<userId>" | "student 1", ...]}: each student's
 * drawn questions and their sheets as the student would see them (staff who edit assessments).
 * A real student must be a member of the course; "student N" labels stand for nobody.
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { apiError, parseJsonBody, withApiErrors } from "@/lib/server/api";
import { getAssessment } from "@/lib/server/assessments/definitions";
import { MAX_PREVIEW_STUDENTS, previewStudents, resolvePreviewStudents } from "@/lib/server/assessments/preview";
import { NO_STORE, RowIdSchema } from "@/lib/server/assessments/responses";
import { getActor } from "@/lib/server/auth/actor";
import { refusalResponse } from "@/lib/server/auth/http";
import { authorizeAssessment } from "@/lib/server/auth/policy";

const PreviewSchema = z.object({
  students: z.array(z.string().min(1).max(64)).min(1).max(MAX_PREVIEW_STUDENTS),
}).strict();

export const POST = withApiErrors(async (request: Request, { params }: { params: Promise<{ assessmentId: string }> }) => {
  const { assessmentId } = await params;
  if (!RowIdSchema.safeParse(assessmentId).success) return refusalResponse("not_found");
  const decision = await authorizeAssessment(await getActor(), "course.edit-assessments", assessmentId);
  if (!decision.ok) return refusalResponse(decision.reason);
  const body = await parseJsonBody(request, PreviewSchema);
  if (!body.ok) return body.response;
  const stored = await getAssessment(assessmentId);
  if (!stored) return refusalResponse("not_found");
  const chosen = await resolvePreviewStudents(stored.courseId, body.data.students);
  if (!chosen.ok) return apiError(422, "invalid_input", "Choose students of this course or \"student 1\" to \"student 9\"", { students: [`"${chosen.unknown}" is not a student of this course`] });
  return NextResponse.json({ students: previewStudents(stored, chosen.students) }, { headers: NO_STORE });
});
