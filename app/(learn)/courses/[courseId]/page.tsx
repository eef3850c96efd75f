/**
 * /courses/:courseId: the course as one of its members sees it: its assessments, open, upcoming
 * and closed. Anyone outside the course gets a 404.
 */
import type { Metadata } from "next";
import { CourseAssessmentList } from "@/components/assessment/course-assessment-list";
import { getActor } from "@/lib/server/auth/actor";
import { refusePage } from "@/lib/server/auth/http";
import { authorizeCourse } from "@/lib/server/auth/policy";
import { getDb } from "@/lib/server/db";

type Params = Promise<{ courseId: string }>;

export const metadata: Metadata = { title: "Course" };

export default async function CoursePage({ params }: { params: Params }) {
  const { courseId } = await params;
  const decision = await authorizeCourse(await getActor(), "course.view", courseId);
  if (!decision.ok) refusePage(decision.reason, `/courses/${courseId}`);
  const course = await getDb().course.findUniqueOrThrow({ where: { id: courseId }, select: { title: true, code: true } });
  return (
    <>
      <p className="eyebrow">{course.code}</p>
      <h1>{course.title}</h1>
      <CourseAssessmentList courseId={courseId} grant={decision.grant} />
    </>
  );
}
