/**
 * GET /api/v1/scenarios/:id/sheet?seed=N&difficulty=D: the public answer sheet of a variant (the
 * story and the blanks; never the expected values).
 */
import { NextResponse } from "next/server";
import { notFound, parseQuery, withApiErrors } from "@/lib/server/api";
import { ScenarioIdSchema, SheetQuerySchema } from "@/lib/server/api-schemas";
import { answerKeyFor, getScenario } from "@/lib/server/catalogue";
import { publicSheetOf } from "@/lib/server/practice";
import { refuseVariantInPractice } from "@/lib/server/practice/variant-guard";
import { refuseDuringExam } from "@/lib/server/assessments/exam-lock";

export const GET = withApiErrors(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const locked = await refuseDuringExam("scenario sheet");
  if (locked) return locked;
  const { id } = await params;
  if (!ScenarioIdSchema.safeParse(id).success) return notFound("scenario");
  const query = parseQuery(request, SheetQuerySchema);
  if (!query.ok) return query.response;
  const found = getScenario(id);
  if (!found) return notFound("scenario");
  const refused = await refuseVariantInPractice(found.scenario, query.data.seed ?? 0);
  if (refused) return refused;
  const key = answerKeyFor(found.scenario, found.contentHash, query.data.seed ?? 0, query.data.difficulty ?? "beginner");
  return NextResponse.json(publicSheetOf(key.sheet));
});
