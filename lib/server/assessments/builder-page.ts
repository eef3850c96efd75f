/** What the builder pages show, read in one place: the course's name, the assessment, the catalogue and the students. */
import "server-only";
import { getDb } from "../db";
import { listScenarios } from "../catalogue";
import { getAssessment, viewOf, type AssessmentView } from "./definitions";
import { courseStudents, type CourseStudent } from "./students";

export interface BuilderPageData {
  readonly courseTitle: string;
  readonly assessment: AssessmentView;
  readonly catalogue: readonly { id: string; title: string }[];
  readonly students: readonly CourseStudent[];
}

/** The catalogue as the builder's pickers list it. */
export function catalogueOptions(): { id: string; title: string }[] {
  return listScenarios().map((s) => ({ id: s.id, title: `${s.title} (${s.id})` }));
}

export async function courseTitle(courseId: string): Promise<string | null> {
  return (await getDb().course.findUnique({ where: { id: courseId }, select: { title: true } }))?.title ?? null;
}

/** The builder page's data, or null when the assessment is not in this course. */
export async function builderPageData(courseId: string, assessmentId: string): Promise<BuilderPageData | null> {
  const stored = await getAssessment(assessmentId, courseId);
  if (!stored) return null;
  return {
    courseTitle: (await courseTitle(courseId)) ?? "",
    assessment: viewOf(stored),
    catalogue: catalogueOptions(),
    students: await courseStudents(courseId),
  };
}
