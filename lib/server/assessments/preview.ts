/**
 * What students of a draft would get, for the instructor's preview: each one's drawn questions
 * (lib/assessment/draw with the assessment's own secret, as a first attempt) and each question's
 * sheet as the student sees it before submitting: the public sheet (no expected value exists in
 * it), without its seed, and the diagram of the variant. Students are course members or labels
 * such as "student 1" that stand for nobody.
 */
import "server-only";
import { drawQuestions } from "@/lib/assessment";
import type { Diagram } from "@/lib/diagram/layout";
import { publicSheet } from "@/lib/grader";
import type { Difficulty } from "@/lib/scenario/schema";
import { answerKeyFor, diagramFor, getScenario } from "../catalogue";
import { attemptSheetOf, type PublicSheet } from "../practice";
import type { StoredAssessment } from "./definitions";
import { courseStudents } from "./students";

export interface PreviewQuestion {
  readonly slot: string;
  readonly zone: number;
  readonly zoneTitle: string;
  readonly alternative: number;
  readonly scenarioId: string;
  readonly difficulty: Difficulty;
  readonly points: number;
  /** The sheet the student would fill in (no seed, no expected value); null if the scenario left the catalogue. */
  readonly sheet: PublicSheet | null;
  readonly diagram: Diagram | null;
}

export interface StudentPreview {
  readonly student: string;
  readonly label: string;
  readonly questions: readonly PreviewQuestion[];
}

export const MAX_PREVIEW_STUDENTS = 5;

/** Each student's first attempt as the real draw would make it. */
export function previewStudents(assessment: StoredAssessment, students: readonly { id: string; label: string }[]): StudentPreview[] {
  const def = assessment.definition;
  return students.slice(0, MAX_PREVIEW_STUDENTS).map(({ id, label }) => ({
    student: id,
    label,
    questions: drawQuestions(def, { secret: assessment.secret, studentId: id, attemptNumber: 1 }).map((q) => {
      const found = getScenario(q.scenarioId);
      const base = { slot: q.slot, zone: q.zone, zoneTitle: def.zones[q.zone]!.title, alternative: q.alternative, scenarioId: q.scenarioId, difficulty: q.difficulty, points: q.points };
      if (!found) return { ...base, sheet: null, diagram: null };
      const key = answerKeyFor(found.scenario, found.contentHash, q.seed, q.difficulty);
      return { ...base, sheet: attemptSheetOf(publicSheet(key)), diagram: diagramFor(found.scenario, q.seed) };
    }),
  }));
}

/** "student 1" to "student 9": previews for nobody in particular. */
export const FAKE_STUDENT = /^student [1-9]$/;

/** The students to preview, from ids a page or route received: course students by id, or fake labels; null names the first that is neither. */
export async function resolvePreviewStudents(courseId: string, ids: readonly string[]): Promise<{ ok: true; students: { id: string; label: string }[] } | { ok: false; unknown: string }> {
  const members = new Map((await courseStudents(courseId)).map((s) => [s.userId, s.label]));
  const students: { id: string; label: string }[] = [];
  for (const id of ids) {
    if (FAKE_STUDENT.test(id)) students.push({ id, label: id });
    else if (members.has(id)) students.push({ id, label: members.get(id)! });
    else return { ok: false, unknown: id };
  }
  return { ok: true, students };
}
