/**
 * Assessment drafts as stored rows: create one in a course, replace its definition, delete it,
 * list a course's assessments. Every definition that is stored went through the one strict schema
 * (lib/assessment/schema.ts) and the check against the catalogue (lib/assessment/check.ts); a
 * published assessment is frozen, so every change to it is refused with a named reason.
 * Callers have already asked the policy (course.edit-assessments); nothing here checks rights.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { AssessmentSchema, checkAssessment, type AssessmentDefinition } from "@/lib/assessment";
import { flatten, formatPath } from "@/lib/scenario/load";
import type { ApiIssue } from "../api";
import { listScenarios } from "../catalogue";
import { getDb, Prisma } from "../db";

/** 256 random bits as base64url (43 characters): keys every draw of the assessment (lib/assessment/draw.ts). */
export function newAssessmentSecret(): string {
  return randomBytes(32).toString("base64url");
}

export interface StoredAssessment {
  readonly id: string;
  readonly courseId: string;
  readonly slug: string;
  readonly title: string;
  readonly kind: AssessmentDefinition["kind"];
  readonly status: "draft" | "published";
  readonly definition: AssessmentDefinition;
  readonly secret: string;
  readonly publishedAt: Date | null;
  readonly updatedAt: Date;
}

/** What the builder may see of a stored assessment: never the secret, and only whether a password is set. */
export interface AssessmentView {
  readonly id: string;
  readonly courseId: string;
  readonly status: "draft" | "published";
  readonly definition: AssessmentDefinition;
  readonly hasPassword: boolean;
  readonly publishedAt: string | null;
  readonly updatedAt: string;
}

export type DefinitionCheck =
  | { readonly ok: true; readonly definition: AssessmentDefinition; readonly warnings: readonly ApiIssue[] }
  | { readonly ok: false; readonly issues: readonly ApiIssue[]; readonly warnings: readonly ApiIssue[] };

/** The ids of the scenarios students can be given. */
export function catalogueIds(): string[] {
  return listScenarios().map((s) => s.id);
}

/** Validate an untrusted definition with the schema, then against the catalogue; errors carry their path ("zones[1].choose"). */
export function validateDefinition(input: unknown): DefinitionCheck {
  const parsed = AssessmentSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap(flatten).map((i) => ({
      path: formatPath(i.path.filter((p): p is string | number => typeof p !== "symbol")),
      line: null,
      message: i.message,
    }));
    return { ok: false, issues, warnings: [] };
  }
  const found = checkAssessment(parsed.data, catalogueIds());
  const as = (severity: "error" | "warning") => found.filter((i) => i.severity === severity).map((i) => ({ path: formatPath(i.path), line: null, message: i.message }));
  const errors = as("error");
  return errors.length > 0 ? { ok: false, issues: errors, warnings: as("warning") } : { ok: true, definition: parsed.data, warnings: as("warning") };
}

type Row = { id: string; courseId: string; slug: string; title: string; kind: string; status: string; definition: unknown; secret: string; publishedAt: Date | null; updatedAt: Date };

function toStored(row: Row): StoredAssessment {
  // Stored definitions were validated on the way in; parsing again fills defaults added since.
  const definition = AssessmentSchema.parse(row.definition);
  return {
    id: row.id, courseId: row.courseId, slug: row.slug, title: row.title, kind: definition.kind,
    status: row.status === "published" ? "published" : "draft", definition, secret: row.secret,
    publishedAt: row.publishedAt, updatedAt: row.updatedAt,
  };
}

/** The builder's view: the password hash stays on the server (the browser learns only that one is set). */
export function viewOf(a: StoredAssessment): AssessmentView {
  const { passwordHash, ...access } = a.definition.access;
  return {
    id: a.id, courseId: a.courseId, status: a.status,
    definition: { ...a.definition, access },
    hasPassword: passwordHash !== undefined,
    publishedAt: a.publishedAt?.toISOString() ?? null,
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** One assessment of a course, or null (unknown id, or it belongs to another course). */
export async function getAssessment(assessmentId: string, courseId?: string): Promise<StoredAssessment | null> {
  const row = await getDb().assessment.findUnique({ where: { id: assessmentId } });
  if (!row || (courseId !== undefined && row.courseId !== courseId)) return null;
  return toStored(row);
}

export interface AssessmentListItem {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly kind: string;
  readonly status: string;
  readonly updatedAt: string;
}

/** A course's assessments, newest change first. */
export async function listAssessments(courseId: string): Promise<AssessmentListItem[]> {
  const rows = await getDb().assessment.findMany({
    where: { courseId },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    select: { id: true, slug: true, title: true, kind: true, status: true, updatedAt: true },
  });
  return rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
}

export type DraftFailure =
  | { readonly ok: false; readonly reason: "invalid"; readonly issues: readonly ApiIssue[]; readonly warnings: readonly ApiIssue[] }
  | { readonly ok: false; readonly reason: "slug_taken"; readonly slug: string }
  | { readonly ok: false; readonly reason: "published" }
  | { readonly ok: false; readonly reason: "not_found" };

export type DraftResult = { readonly ok: true; readonly assessment: StoredAssessment; readonly warnings: readonly ApiIssue[] } | DraftFailure;

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

/** Create a draft in `courseId` from an untrusted definition; it gets its own random secret. */
export async function createDraft(courseId: string, input: unknown, audit: { actorId: string }): Promise<DraftResult> {
  const checked = validateDefinition(input);
  if (!checked.ok) return { ok: false, reason: "invalid", issues: checked.issues, warnings: checked.warnings };
  const def = checked.definition;
  try {
    const row = await getDb().$transaction(async (tx) => {
      const created = await tx.assessment.create({
        data: { courseId, slug: def.id, title: def.title, kind: def.kind, definition: def as object, secret: newAssessmentSecret(), status: "draft" },
      });
      await tx.auditEntry.create({ data: { courseId, assessmentId: created.id, actorId: audit.actorId, action: "assessment.create", detail: `draft "${def.id}" created`, reason: "" } });
      return created;
    });
    return { ok: true, assessment: toStored(row), warnings: checked.warnings };
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, reason: "slug_taken", slug: def.id };
    throw e;
  }
}

/** What to do with the assessment's password when saving: the plaintext never reaches this module, only its hash. */
export type PasswordChange = { readonly kind: "keep" } | { readonly kind: "clear" } | { readonly kind: "set"; readonly hash: string };

/**
 * Replace a draft's definition. The stored password hash is kept unless `password` says otherwise,
 * since the builder never receives it. A published assessment is refused (`published`).
 */
export async function updateDraft(assessmentId: string, input: unknown, password: PasswordChange, audit: { actorId: string }): Promise<DraftResult> {
  const current = await getAssessment(assessmentId);
  if (!current) return { ok: false, reason: "not_found" };
  if (current.status === "published") return { ok: false, reason: "published" };
  const withPassword = mergePassword(input, current.definition.access.passwordHash, password);
  const checked = validateDefinition(withPassword);
  if (!checked.ok) return { ok: false, reason: "invalid", issues: checked.issues, warnings: checked.warnings };
  const def = checked.definition;
  try {
    const row = await getDb().$transaction(async (tx) => {
      // The status in the WHERE makes a publication that lands between the read and this write win.
      const { count } = await tx.assessment.updateMany({
        where: { id: assessmentId, status: "draft" },
        data: { slug: def.id, title: def.title, kind: def.kind, definition: def as object },
      });
      if (count === 0) return null;
      await tx.auditEntry.create({ data: { courseId: current.courseId, assessmentId, actorId: audit.actorId, action: "assessment.edit", detail: `definition of "${def.id}" saved`, reason: "" } });
      return tx.assessment.findUniqueOrThrow({ where: { id: assessmentId } });
    });
    if (!row) return { ok: false, reason: "published" };
    return { ok: true, assessment: toStored(row), warnings: checked.warnings };
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, reason: "slug_taken", slug: def.id };
    throw e;
  }
}

function mergePassword(input: unknown, storedHash: string | undefined, change: PasswordChange): unknown {
  if (!input || typeof input !== "object" || Array.isArray(input)) return input;
  const record = input as Record<string, unknown>;
  const access = record.access;
  if (!access || typeof access !== "object" || Array.isArray(access)) return input;
  const { passwordHash: _sent, ...rest } = access as Record<string, unknown>;
  const hash = change.kind === "set" ? change.hash : change.kind === "keep" ? storedHash : undefined;
  return { ...record, access: hash === undefined ? rest : { ...rest, passwordHash: hash } };
}

export type DeleteResult = { readonly ok: true } | { readonly ok: false; readonly reason: "not_found" | "published" };

/** Delete a draft; a published assessment stays (its attempts must remain reproducible). */
export async function deleteDraft(assessmentId: string, audit: { actorId: string }): Promise<DeleteResult> {
  const current = await getAssessment(assessmentId);
  if (!current) return { ok: false, reason: "not_found" };
  if (current.status === "published") return { ok: false, reason: "published" };
  const deleted = await getDb().$transaction(async (tx) => {
    const { count } = await tx.assessment.deleteMany({ where: { id: assessmentId, status: "draft" } });
    if (count === 1) {
      await tx.auditEntry.create({ data: { courseId: current.courseId, assessmentId, actorId: audit.actorId, action: "assessment.delete", detail: `draft "${current.slug}" deleted`, reason: "" } });
    }
    return count === 1;
  });
  return deleted ? { ok: true } : { ok: false, reason: "published" };
}
