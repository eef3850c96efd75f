/** GET /api/v1/scenarios/:id?seed=N: the summary, the story and the diagram of one variant. */
import { NextResponse } from "next/server";
import { notFound, parseQuery, withApiErrors } from "@/lib/server/api";
import { ScenarioIdSchema, ScenarioQuerySchema } from "@/lib/server/api-schemas";
import { scenarioDetail } from "@/lib/server/catalogue";
import { refuseDuringExam } from "@/lib/server/assessments/exam-lock";

export const GET = withApiErrors(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const locked = await refuseDuringExam("scenario study");
  if (locked) return locked;
  const { id } = await params;
  if (!ScenarioIdSchema.safeParse(id).success) return notFound("scenario");
  const query = parseQuery(request, ScenarioQuerySchema);
  if (!query.ok) return query.response;
  const detail = scenarioDetail(id, query.data.seed ?? 0);
  return detail ? NextResponse.json(detail) : notFound("scenario");
});
