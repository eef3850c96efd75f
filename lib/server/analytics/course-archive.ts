/**
 * A whole course as one JSON document (definitions with their secrets, roster, invites, overrides,
 * attempts with their questions, events and ledger, the audit trail, and the frozen scenario
 * content every attempt names), and its import into a database that does not hold the course yet.
 * Ids are kept, so links and the ledger survive; users are matched by email (an existing account
 * keeps its id and the archive's references are mapped to it). The archive holds seeds and secrets:
 * only instructors (course.manage) may download it.
 */
import "server-only";
import { z } from "zod";
import { getDb, Prisma } from "../db";

export const ARCHIVE_FORMAT = "hopwise-course/1";

const iso = (d: Date | null) => (d === null ? null : d.toISOString());
const date = (s: string | null) => (s === null ? null : new Date(s));
const json = (v: unknown) => (v === null || v === undefined ? Prisma.DbNull : (v as Prisma.InputJsonValue));

/** Every row of a course, dates as ISO text. */
export async function exportCourse(courseId: string) {
  const db = getDb();
  const course = await db.course.findUnique({ where: { id: courseId } });
  if (!course) return null;
  const [members, invites, assessments, audit] = await Promise.all([
    db.courseMember.findMany({ where: { courseId }, orderBy: { userId: "asc" } }),
    db.courseInvite.findMany({ where: { courseId }, orderBy: { email: "asc" } }),
    db.assessment.findMany({ where: { courseId }, orderBy: { id: "asc" }, include: { overrides: { orderBy: { id: "asc" } } } }),
    db.auditEntry.findMany({ where: { courseId }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
  ]);
  const attempts = await db.assessmentAttempt.findMany({
    where: { assessment: { courseId } }, orderBy: { id: "asc" },
    include: { questions: { orderBy: { slot: "asc" } }, events: { orderBy: { seq: "asc" } }, ledger: { orderBy: [{ at: "asc" }, { id: "asc" }] } },
  });
  const hashes = new Set<string>([...attempts.flatMap((a) => a.questions.map((q) => q.contentHash)), ...assessments.flatMap((a) => Object.values((a.contentHashes ?? {}) as Record<string, string>))]);
  const content = await db.scenarioContent.findMany({ where: { hash: { in: [...hashes] } }, orderBy: { hash: "asc" } });
  const userIds = new Set<string>([...members.map((m) => m.userId), ...assessments.flatMap((a) => a.overrides.map((o) => o.userId)), ...attempts.map((a) => a.userId)]);
  const users = await db.user.findMany({ where: { id: { in: [...userIds] } }, orderBy: { id: "asc" }, select: { id: true, email: true, name: true } });
  return {
    format: ARCHIVE_FORMAT,
    course: { id: course.id, title: course.title, code: course.code, joinCode: course.joinCode, joinOpen: course.joinOpen, createdById: course.createdById, createdAt: iso(course.createdAt) },
    users,
    members: members.map((m) => ({ userId: m.userId, role: m.role, timeFactor: m.timeFactor, joinedAt: iso(m.joinedAt) })),
    invites: invites.map((i) => ({ email: i.email, role: i.role, createdAt: iso(i.createdAt) })),
    assessments: assessments.map((a) => ({
      id: a.id, slug: a.slug, title: a.title, kind: a.kind, definition: a.definition, secret: a.secret, status: a.status, publishedAt: iso(a.publishedAt),
      contentHashes: a.contentHashes, engineVersion: a.engineVersion, createdAt: iso(a.createdAt),
      overrides: a.overrides.map((o) => ({ id: o.id, userId: o.userId, rules: o.rules, reason: o.reason, createdById: o.createdById, createdAt: iso(o.createdAt) })),
    })),
    scenarioContent: content.map((c) => ({ hash: c.hash, scenarioId: c.scenarioId, source: c.source, createdAt: iso(c.createdAt) })),
    attempts: attempts.map((a) => ({
      id: a.id, assessmentId: a.assessmentId, userId: a.userId, number: a.number, status: a.status, startedAt: iso(a.startedAt), deadline: iso(a.deadline),
      submittedAt: iso(a.submittedAt), submittedBy: a.submittedBy, answers: a.answers, lastSavedAt: iso(a.lastSavedAt), late: a.late, gradedAt: iso(a.gradedAt),
      score: a.score, maxScore: a.maxScore, version: a.version,
      questions: a.questions.map(({ attemptId: _a, ...q }) => q),
      events: a.events.map((e) => ({ seq: e.seq, type: e.type, at: iso(e.at), data: e.data })),
      ledger: a.ledger.map((l) => ({ id: l.id, kind: l.kind, slot: l.slot, field: l.field, oldScore: l.oldScore, newScore: l.newScore, note: l.note, actorId: l.actorId, at: iso(l.at) })),
    })),
    audit: audit.map((e) => ({ id: e.id, assessmentId: e.assessmentId, attemptId: e.attemptId, actorId: e.actorId, action: e.action, detail: e.detail, reason: e.reason, at: iso(e.at) })),
  };
}

export type CourseArchive = NonNullable<Awaited<ReturnType<typeof exportCourse>>>;

const Iso = z.iso.datetime();
const NullableIso = Iso.nullable();
/** The archive's shape, checked before anything is written (the nested rows are checked by the database). */
const ArchiveSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  course: z.object({ id: z.string().min(1), title: z.string(), code: z.string(), joinCode: z.string().min(1), joinOpen: z.boolean(), createdById: z.string(), createdAt: Iso }),
  users: z.array(z.object({ id: z.string().min(1), email: z.string().min(3), name: z.string().nullable() })),
  members: z.array(z.object({ userId: z.string(), role: z.enum(["instructor", "assistant", "student"]), timeFactor: z.number(), joinedAt: Iso })),
  invites: z.array(z.object({ email: z.string(), role: z.string(), createdAt: Iso })),
  assessments: z.array(z.object({ id: z.string(), slug: z.string(), title: z.string(), kind: z.string(), definition: z.unknown(), secret: z.string(), status: z.string(), publishedAt: NullableIso, contentHashes: z.unknown(), engineVersion: z.string().nullable(), createdAt: Iso, overrides: z.array(z.object({ id: z.string(), userId: z.string(), rules: z.unknown(), reason: z.string(), createdById: z.string(), createdAt: Iso })) })),
  scenarioContent: z.array(z.object({ hash: z.string(), scenarioId: z.string(), source: z.string(), createdAt: Iso })),
  attempts: z.array(z.object({
    id: z.string(), assessmentId: z.string(), userId: z.string(), number: z.number().int(), status: z.string(), startedAt: Iso, deadline: NullableIso, submittedAt: NullableIso,
    submittedBy: z.string().nullable(), answers: z.unknown(), lastSavedAt: NullableIso, late: z.boolean(), gradedAt: NullableIso, score: z.number().nullable(), maxScore: z.number().nullable(), version: z.number().int(),
    questions: z.array(z.object({ slot: z.string(), zone: z.number().int(), alternative: z.number().int(), scenarioId: z.string(), difficulty: z.string(), points: z.number(), seed: z.number().int(), contentHash: z.string(), engineVersion: z.string(), optionSalt: z.string(), variantFingerprint: z.string(), result: z.unknown(), score: z.number().nullable() })),
    events: z.array(z.object({ seq: z.number().int(), type: z.string(), at: Iso, data: z.unknown() })),
    ledger: z.array(z.object({ id: z.string(), kind: z.string(), slot: z.string().nullable(), field: z.string().nullable(), oldScore: z.number().nullable(), newScore: z.number(), note: z.string(), actorId: z.string().nullable(), at: Iso })),
  })),
  audit: z.array(z.object({ id: z.string(), assessmentId: z.string().nullable(), attemptId: z.string().nullable(), actorId: z.string(), action: z.string(), detail: z.string(), reason: z.string(), at: Iso })),
});

export type ImportResult = { readonly ok: true; readonly courseId: string } | { readonly ok: false; readonly reason: "invalid" | "exists"; readonly message: string };

/** Restores an archive. Refuses one whose course (or join code) is already in this database. */
export async function importCourse(input: unknown): Promise<ImportResult> {
  const parsed = ArchiveSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", message: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  const a = parsed.data;
  const db = getDb();
  if (await db.course.findFirst({ where: { OR: [{ id: a.course.id }, { joinCode: a.course.joinCode }] }, select: { id: true } })) {
    return { ok: false, reason: "exists", message: "This database already holds that course (or its join code)." };
  }
  await db.$transaction(async (tx) => {
    const ids = new Map<string, string>();
    for (const u of a.users) {
      const existing = await tx.user.findUnique({ where: { email: u.email }, select: { id: true } });
      ids.set(u.id, existing?.id ?? (await tx.user.create({ data: { id: u.id, email: u.email, name: u.name }, select: { id: true } })).id);
    }
    const user = (id: string) => ids.get(id) ?? id;
    await tx.course.create({ data: { ...a.course, createdById: user(a.course.createdById), createdAt: new Date(a.course.createdAt) } });
    await tx.courseMember.createMany({ data: a.members.map((m) => ({ courseId: a.course.id, userId: user(m.userId), role: m.role, timeFactor: m.timeFactor, joinedAt: new Date(m.joinedAt) })) });
    await tx.courseInvite.createMany({ data: a.invites.map((i) => ({ courseId: a.course.id, email: i.email, role: i.role, createdAt: new Date(i.createdAt) })) });
    for (const c of a.scenarioContent) {
      await tx.scenarioContent.upsert({ where: { hash: c.hash }, create: { ...c, createdAt: new Date(c.createdAt) }, update: {} });
    }
    for (const s of a.assessments) {
      await tx.assessment.create({ data: {
        id: s.id, courseId: a.course.id, slug: s.slug, title: s.title, kind: s.kind, definition: s.definition as Prisma.InputJsonValue, secret: s.secret, status: s.status,
        publishedAt: date(s.publishedAt), contentHashes: json(s.contentHashes), engineVersion: s.engineVersion, createdAt: new Date(s.createdAt),
      } });
      await tx.assessmentOverride.createMany({ data: s.overrides.map((o) => ({ ...o, assessmentId: s.id, userId: user(o.userId), createdById: user(o.createdById), rules: o.rules as Prisma.InputJsonValue, createdAt: new Date(o.createdAt) })) });
    }
    for (const t of a.attempts) {
      await tx.assessmentAttempt.create({ data: {
        id: t.id, assessmentId: t.assessmentId, userId: user(t.userId), number: t.number, status: t.status, startedAt: new Date(t.startedAt), deadline: date(t.deadline),
        submittedAt: date(t.submittedAt), submittedBy: t.submittedBy, answers: t.answers as Prisma.InputJsonValue, lastSavedAt: date(t.lastSavedAt), late: t.late,
        gradedAt: date(t.gradedAt), score: t.score, maxScore: t.maxScore, version: t.version,
      } });
      await tx.attemptQuestion.createMany({ data: t.questions.map((q) => ({ ...q, attemptId: t.id, result: json(q.result) })) });
      await tx.attemptEvent.createMany({ data: t.events.map((e) => ({ attemptId: t.id, seq: e.seq, type: e.type, at: new Date(e.at), data: e.data as Prisma.InputJsonValue })) });
      await tx.scoreLedgerEntry.createMany({ data: t.ledger.map((l) => ({ ...l, attemptId: t.id, actorId: l.actorId === null ? null : user(l.actorId), at: new Date(l.at) })) });
    }
    await tx.auditEntry.createMany({ data: a.audit.map((e) => ({ ...e, courseId: a.course.id, actorId: user(e.actorId), at: new Date(e.at) })) });
  }, { timeout: 120_000 });
  return { ok: true, courseId: a.course.id };
}
