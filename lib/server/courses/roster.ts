/**
 * A course's people: the roster with roles and time factors, adding people by email (members when
 * they have an account, invites until they do), changing roles, time factors and removing members.
 * The last instructor can be neither demoted nor removed, so a course always has someone who can
 * manage it. Callers authorize first (course.manage / course.view-work).
 */
import "server-only";
import { type CourseRole, isCourseRole } from "../auth/policies/course";
import { getDb, isUniqueViolation, type Tx } from "../db";
import { recordAudit } from "./audit";
import type { AddOutcome, AddReportLine } from "./form-state";
import type { RosterLine } from "./roster-input";

export interface RosterMember {
  readonly userId: string;
  readonly email: string;
  readonly name: string | null;
  readonly role: CourseRole;
  readonly timeFactor: number;
  readonly joinedAt: Date;
}

export interface RosterInvite {
  readonly email: string;
  readonly role: string;
  readonly createdAt: Date;
}

const ROLE_ORDER: Readonly<Record<CourseRole, number>> = { instructor: 0, assistant: 1, student: 2 };

/** Members (staff first, then by email) and pending invites. */
export async function listRoster(courseId: string): Promise<{ members: RosterMember[]; invites: RosterInvite[] }> {
  const db = getDb();
  const [rows, invites] = await Promise.all([
    db.courseMember.findMany({ where: { courseId }, select: { userId: true, role: true, timeFactor: true, joinedAt: true, user: { select: { email: true, name: true } } } }),
    db.courseInvite.findMany({ where: { courseId }, orderBy: { email: "asc" }, select: { email: true, role: true, createdAt: true } }),
  ]);
  const members = rows
    .flatMap((row) => (isCourseRole(row.role) ? [{ userId: row.userId, email: row.user.email, name: row.user.name, role: row.role, timeFactor: row.timeFactor, joinedAt: row.joinedAt }] : []))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.email.localeCompare(b.email));
  return { members, invites };
}


const OUTCOME_MESSAGES: Readonly<Record<Exclude<AddOutcome, "invalid" | "duplicate">, string>> = {
  added: "Added as a student",
  invited: "No account yet: joins as a student on first sign-up or sign-in with this email",
  already_member: "Already a member",
  already_invited: "Already invited",
};

/**
 * Add the emails of a parsed list as students: existing accounts become members, other emails get
 * an invite. The report has one line per entry, in input order.
 */
export async function addToRoster(actorId: string, courseId: string, lines: readonly RosterLine[]): Promise<AddReportLine[]> {
  const db = getDb();
  const emails = [...new Set(lines.flatMap((l) => (l.kind === "email" ? [l.email] : [])))];
  const [users, members, invites] = await Promise.all([
    db.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } }),
    db.courseMember.findMany({ where: { courseId, user: { email: { in: emails } } }, select: { user: { select: { email: true } } } }),
    db.courseInvite.findMany({ where: { courseId, email: { in: emails } }, select: { email: true } }),
  ]);
  const userIds = new Map(users.map((u) => [u.email, u.id]));
  const memberEmails = new Set(members.map((m) => m.user.email));
  const invitedEmails = new Set(invites.map((i) => i.email));

  const firstLine = new Map<string, number>();
  const report: AddReportLine[] = [];
  const toAdd: { userId: string; email: string }[] = [];
  const toInvite: string[] = [];
  for (const line of lines) {
    if (line.kind === "invalid") {
      report.push({ line: line.line, text: line.text, outcome: "invalid", message: line.message });
      continue;
    }
    const { email } = line;
    const seen = firstLine.get(email);
    if (seen !== undefined) {
      report.push({ line: line.line, text: email, outcome: "duplicate", message: `Listed already on line ${seen}` });
      continue;
    }
    firstLine.set(email, line.line);
    const userId = userIds.get(email);
    const outcome: AddOutcome = memberEmails.has(email) ? "already_member" : userId ? "added" : invitedEmails.has(email) ? "already_invited" : "invited";
    if (outcome === "added") toAdd.push({ userId: userId!, email });
    if (outcome === "invited") toInvite.push(email);
    report.push({ line: line.line, text: email, outcome, message: OUTCOME_MESSAGES[outcome] });
  }

  if (toAdd.length > 0 || toInvite.length > 0) {
    await db.$transaction(async (tx) => {
      // skipDuplicates is not on SQLite's createMany, so members and invites go one by one; a
      // concurrent add of the same person is settled by the primary keys (caught below).
      for (const { userId, email } of toAdd) {
        await tx.courseMember.create({ data: { courseId, userId, role: "student" } });
        await recordAudit({ courseId, actorId, action: "member.add", detail: `Added ${email} as a student` }, tx);
      }
      for (const email of toInvite) {
        await tx.courseInvite.create({ data: { courseId, email, role: "student" } });
        await recordAudit({ courseId, actorId, action: "member.invite", detail: `Invited ${email} (no account yet)` }, tx);
      }
    }).catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new RosterConflictError();
      throw error;
    });
  }
  return report;
}

/** Someone else changed the roster at the same moment; adding the list again gives a fresh report. */
export class RosterConflictError extends Error {
  constructor() {
    super("The roster changed while these people were being added. Nothing was added: please submit the list again.");
  }
}

export type MemberChange =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: "not_member" | "last_instructor" | "not_student" };

export const MEMBER_CHANGE_MESSAGES: Readonly<Record<Exclude<MemberChange, { ok: true }>["reason"], string>> = {
  not_member: "That person is not a member of this course.",
  last_instructor: "A course needs at least one instructor: make someone else instructor first.",
  not_student: "Time factors apply to students only.",
};

async function memberRow(tx: Tx, courseId: string, userId: string) {
  return tx.courseMember.findUnique({ where: { courseId_userId: { courseId, userId } }, select: { role: true, user: { select: { email: true } } } });
}

/**
 * Whether `role` is the course's only instructor. The course row is written first: on PostgreSQL
 * that row lock queues two concurrent demotions, so they cannot both see "two instructors left"
 * (SQLite runs one writing transaction at a time anyway).
 */
async function isLastInstructor(tx: Tx, courseId: string, role: string): Promise<boolean> {
  if (role !== "instructor") return false;
  await tx.course.update({ where: { id: courseId }, data: { updatedAt: new Date() } });
  return (await tx.courseMember.count({ where: { courseId, role: "instructor" } })) <= 1;
}

/** Give a member another course role (never leaving the course without an instructor). */
export async function changeMemberRole(actorId: string, courseId: string, userId: string, role: CourseRole): Promise<MemberChange> {
  return getDb().$transaction(async (tx) => {
    const member = await memberRow(tx, courseId, userId);
    if (!member) return { ok: false, reason: "not_member" } as const;
    if (member.role === role) return { ok: true } as const;
    if (await isLastInstructor(tx, courseId, member.role)) return { ok: false, reason: "last_instructor" } as const;
    await tx.courseMember.update({ where: { courseId_userId: { courseId, userId } }, data: { role } });
    await recordAudit({ courseId, actorId, action: "member.role", detail: `${member.user.email}: ${member.role} → ${role}` }, tx);
    return { ok: true } as const;
  });
}

/** Set a student's course-wide time factor, with the reason recorded in the audit trail. */
export async function setTimeFactor(actorId: string, courseId: string, userId: string, factor: number, reason: string): Promise<MemberChange> {
  return getDb().$transaction(async (tx) => {
    const member = await tx.courseMember.findUnique({ where: { courseId_userId: { courseId, userId } }, select: { role: true, timeFactor: true, user: { select: { email: true } } } });
    if (!member) return { ok: false, reason: "not_member" } as const;
    if (member.role !== "student") return { ok: false, reason: "not_student" } as const;
    await tx.courseMember.update({ where: { courseId_userId: { courseId, userId } }, data: { timeFactor: factor } });
    await recordAudit({ courseId, actorId, action: "member.time-factor", detail: `${member.user.email}: time factor ${member.timeFactor} → ${factor}`, reason }, tx);
    return { ok: true } as const;
  });
}

/** Remove a member from the course (their past attempts stay for the record). */
export async function removeMember(actorId: string, courseId: string, userId: string): Promise<MemberChange> {
  return getDb().$transaction(async (tx) => {
    const member = await memberRow(tx, courseId, userId);
    if (!member) return { ok: false, reason: "not_member" } as const;
    if (await isLastInstructor(tx, courseId, member.role)) return { ok: false, reason: "last_instructor" } as const;
    await tx.courseMember.delete({ where: { courseId_userId: { courseId, userId } } });
    await recordAudit({ courseId, actorId, action: "member.remove", detail: `Removed ${member.user.email} (${member.role})` }, tx);
    return { ok: true } as const;
  });
}

/** Withdraw an invite that has not been claimed yet; false if there was none. */
export async function cancelInvite(actorId: string, courseId: string, email: string): Promise<boolean> {
  return getDb().$transaction(async (tx) => {
    const { count } = await tx.courseInvite.deleteMany({ where: { courseId, email } });
    if (count > 0) await recordAudit({ courseId, actorId, action: "invite.cancel", detail: `Cancelled the invite of ${email}` }, tx);
    return count > 0;
  });
}
