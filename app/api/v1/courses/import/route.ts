/**
 * POST /api/v1/courses/import: restores a course archive (GET .../exports/course.json) into this
 * database, which must not hold that course yet. For accounts that may create courses; the
 * importing user is made an instructor of it when the archive did not already list them.
 */
import { NextResponse } from "next/server";
import { apiError, readBodyText, withApiErrors } from "@/lib/server/api";
import { importCourse } from "@/lib/server/analytics/course-archive";
import { getActor } from "@/lib/server/auth/actor";
import { refusalResponse } from "@/lib/server/auth/http";
import { authorizeSite } from "@/lib/server/auth/policy";
import { getDb } from "@/lib/server/db";

/** A whole course with its attempts is large; 200 MB covers 500 students x 10 assessments many times over. */
const MAX_ARCHIVE_BYTES = 200 * 1024 * 1024;

export const POST = withApiErrors(async (request: Request) => {
  const decision = authorizeSite(await getActor(), "course.create");
  if (!decision.ok) return refusalResponse(decision.reason);
  const body = await readBodyText(request, MAX_ARCHIVE_BYTES);
  if (!body.ok) return apiError(413, "too_large", "The archive is larger than 200 MB.");
  let archive: unknown;
  try {
    archive = JSON.parse(body.text);
  } catch {
    return apiError(422, "invalid_body", "The archive is not JSON.");
  }
  const result = await importCourse(archive);
  if (!result.ok) return apiError(result.reason === "exists" ? 409 : 422, result.reason, result.message);
  await getDb().courseMember.upsert({
    where: { courseId_userId: { courseId: result.courseId, userId: decision.userId } },
    create: { courseId: result.courseId, userId: decision.userId, role: "instructor" },
    update: {},
  });
  return NextResponse.json({ courseId: result.courseId }, { status: 201 });
});
