/**
 * Reading assessments as the rest of lib/server/assessments uses them: the stored definition parsed
 * back through the one schema (a row that no longer parses is a bug, reported by name), with its
 * course, overrides and frozen content hashes.
 */
import "server-only";
import { OverrideSchema, type AssessmentOverride } from "@/lib/assessment/rules";
import { AssessmentSchema, type AssessmentDefinition } from "@/lib/assessment/schema";
import { getDb } from "../db";

export interface AssessmentRecord {
  readonly id: string;
  readonly courseId: string;
  readonly slug: string;
  readonly title: string;
  readonly kind: "homework" | "exam";
  readonly status: "draft" | "published";
  readonly definition: AssessmentDefinition;
  readonly secret: string;
  readonly publishedAt: Date | null;
  /** { scenarioId: contentHash }, set at publication. */
  readonly contentHashes: Readonly<Record<string, string>>;
}

type Row = { id: string; courseId: string; slug: string; title: string; kind: string; status: string; definition: unknown; secret: string; publishedAt: Date | null; contentHashes: unknown };

export function assessmentRecordOf(row: Row): AssessmentRecord {
  const parsed = AssessmentSchema.safeParse(row.definition);
  if (!parsed.success) throw new Error(`assessment ${row.id}: its stored definition does not parse: ${parsed.error.issues[0]?.message}`);
  return {
    id: row.id, courseId: row.courseId, slug: row.slug, title: row.title,
    kind: parsed.data.kind, status: row.status === "published" ? "published" : "draft",
    definition: parsed.data, secret: row.secret, publishedAt: row.publishedAt,
    contentHashes: (row.contentHashes ?? {}) as Record<string, string>,
  };
}

/** An assessment by id, or null. */
export async function findAssessment(id: string): Promise<AssessmentRecord | null> {
  const row = await getDb().assessment.findUnique({ where: { id } });
  return row ? assessmentRecordOf(row) : null;
}

/** The overrides of one student on one assessment, as lib/assessment/rules reads them. */
export async function overridesFor(assessmentId: string, userId: string): Promise<AssessmentOverride[]> {
  const rows = await getDb().assessmentOverride.findMany({ where: { assessmentId, userId } });
  return rows.map((r) => OverrideSchema.parse({ ...(r.rules as object), id: r.id, studentId: r.userId, reason: r.reason }));
}
