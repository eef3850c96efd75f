/**
 * GET /api/v1/courses/:courseId/exports/:file: a CSV file of the course (gradebook, attempts,
 * fields, items, ledger; docs/exports.md), streamed page by page, for staff who may grade; or
 * course.json, the whole course with its secrets and seeds, for instructors (course.manage) only.
 */
import { NextResponse } from "next/server";
import { apiError, withApiErrors } from "@/lib/server/api";
import { exportCourse } from "@/lib/server/analytics/course-archive";
import { csvFor, isCsvFile } from "@/lib/server/analytics/csv-exports";
import { csvResponse } from "@/lib/server/analytics/csv-stream";
import { getActor } from "@/lib/server/auth/actor";
import { refusalResponse } from "@/lib/server/auth/http";
import { authorizeCourse } from "@/lib/server/auth/policy";

export const GET = withApiErrors(async (_request: Request, { params }: { params: Promise<{ courseId: string; file: string }> }) => {
  const { courseId, file } = await params;
  const archive = file === "course.json";
  const decision = await authorizeCourse(await getActor(), archive ? "course.manage" : "course.grade", courseId);
  if (!decision.ok) return refusalResponse(decision.reason);
  if (archive) {
    return NextResponse.json(await exportCourse(courseId), {
      headers: { "content-disposition": `attachment; filename="course-${courseId.replace(/[^\w-]/g, "_")}.json"`, "cache-control": "private, no-store" },
    });
  }
  const name = file.replace(/\.csv$/, "");
  if (!isCsvFile(name)) return apiError(404, "not_found", "No such export: gradebook.csv, attempts.csv, fields.csv, items.csv, ledger.csv or course.json.");
  return csvResponse(await csvFor(name, courseId), `${name}-${courseId}.csv`);
});
