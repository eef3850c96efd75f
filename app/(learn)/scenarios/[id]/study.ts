/**
 * What the study page shows of a scenario: variant 0 (the source text's own numbers) with its
 * story, network diagram, flows and simplifications. Context only: nothing from the trace or the
 * answer key.
 */
import "server-only";
import type { Diagram } from "@/lib/diagram/layout";
import { diagramFor, getScenario } from "@/lib/server/catalogue";
import type { Concept, Difficulty } from "@/lib/scenario/schema";
import { variantOf } from "@/lib/simulate";

export interface StudyView {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly difficulty: Difficulty;
  readonly concepts: readonly Concept[];
  /** The story in paragraphs (the file's line breaks inside a paragraph are only wrapping). */
  readonly story: readonly string[];
  readonly simplifications: readonly string[];
  readonly flows: readonly { readonly id: string; readonly title: string; readonly question: string | null }[];
  readonly diagram: Diagram;
}

/** Splits text written with blank lines between paragraphs into paragraphs. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter((p) => p.length > 0);
}

/** The study view of a scenario, or null for an unknown id. */
export function studyView(id: string): StudyView | null {
  const found = getScenario(id);
  if (!found) return null;
  const file = variantOf(found.scenario, 0).file;
  return {
    id: file.id,
    title: file.title,
    summary: file.summary,
    difficulty: file.difficulty,
    concepts: file.concepts,
    story: paragraphs(file.story),
    simplifications: file.simplifications,
    flows: file.flows.map((f) => ({ id: f.id, title: f.title, question: f.question ?? null })),
    diagram: diagramFor(found.scenario, 0),
  };
}
