/**
 * GET /api/v1/courses/:courseId/exports/:file: a CSV file of the course (gradebook, attempts,
 * fields, items, ledger; docs/exports.md), streamed page by page. Staff who may grade only.
 */
import { apiError, withApiErrors } from "@/lib/server/api";
import { csvFor, isCsvFile } from "@/lib/server/analytics/csv-exports";
import { csvResponse } from "@/lib/server/analytics/csv-stream";
import { getActor } from "@/lib/server/auth/actor";
import { refusalResponse } from "@/lib/server/auth/http";
import { authorizeCourse } from "@/lib/server/auth/policy";

export const GET = withApiErrors(async (_request: Request, { params }: { params: Promise<{ courseId: string; file: string }> }) => {
  const { courseId, file } = await params;
  const decision = await authorizeCourse(await getActor(), "course.grade", courseId);
  if (!decision.ok) return refusalResponse(decision.reason);
  const name = file.replace(/\.csv$/, "");
  if (!isCsvFile(name)) return apiError(404, "not_found", "No such export: gradebook.csv, attempts.csv, fields.csv, items.csv or ledger.csv.");
  return csvResponse(await csvFor(name, courseId), `${name}-${courseId}.csv`);
});
