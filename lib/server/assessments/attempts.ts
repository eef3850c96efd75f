/**
 * A student's attempts at an assessment: start, save, submit, and the server closing an attempt
 * whose time is up. The server's clock is the only clock: every function takes `now` (the route
 * passes Date.now()), nothing the browser sends is taken as a time. Each change is an event in the
 * attempt's log (event-log.ts); grading (grading.ts) follows a submit or a close at the deadline.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { canStart, type Refusal as AccessRefusal } from "@/lib/assessment/access";
import type { AttemptRefusal, Answers } from "@/lib/assessment/attempt";
import { fixDeadline, GRACE_MS, withinDeadline } from "@/lib/assessment/deadline";
import { drawQuestions } from "@/lib/assessment/draw";
import { effectiveRules } from "@/lib/assessment/rules";
import { ENGINE_VERSION } from "@/lib/engine/version";
import { seedFingerprint } from "@/lib/scenario/fingerprint";
import { getDb, isUniqueViolation } from "../db";
import { newAttemptId } from "../ids";
import { verifyPasswordHash } from "../passwords";
import { frozenScenario } from "./content";
import { appendAttemptEvent } from "./event-log";
import { gradeAssessmentAttempt } from "./grading";
import { findAssessment, overridesFor } from "./records";

export type StartRefusal = AccessRefusal | "not_found";

export type StartResult =
  | { readonly ok: true; readonly attemptId: string; readonly deadline: number | null }
  | { readonly ok: false; readonly reason: StartRefusal; readonly message: string };

export interface StartInput {
  readonly assessmentId: string;
  readonly userId: string;
  /** The student's course-wide time factor (CourseMember.timeFactor). */
  readonly timeFactor: number;
  /** What the student typed, when the assessment has a password. */
  readonly password?: string;
}

/**
 * Starts the student's next attempt: checks the rules that apply to them at `now`, draws their
 * questions, and fixes the deadline on the server (the earlier of start + limit x factor and the
 * close or late date). Two starts racing each other: the unique (assessment, student, number) lets
 * one win; the other hears `attempt_in_progress`.
 */
export async function startAttempt(input: StartInput, now: number): Promise<StartResult> {
  const assessment = await findAssessment(input.assessmentId);
  if (!assessment || assessment.status !== "published") return { ok: false, reason: "not_found", message: "No assessment with that id." };
  // An attempt whose time ran out counts as submitted: close (and grade) it before counting attempts.
  await closeOverdueAttempts(now, { assessmentId: assessment.id, userId: input.userId });
  const definition = assessment.definition;
  const overrides = await overridesFor(assessment.id, input.userId);
  const rules = effectiveRules(definition, overrides, { id: input.userId, timeFactor: input.timeFactor }, now);
  const previous = await getDb().assessmentAttempt.findMany({
    where: { assessmentId: assessment.id, userId: input.userId },
    select: { number: true, status: true, deadline: true },
  });
  const inProgress = previous.some((p) => p.status === "in_progress" && withinDeadline(p.deadline?.getTime() ?? null, now));
  const passwordOk = rules.passwordRequired.value && definition.access.passwordHash !== undefined && input.password !== undefined
    ? await verifyPasswordHash(input.password, definition.access.passwordHash)
    : false;
  const decision = canStart(rules, { started: previous.length, inProgress }, now, passwordOk);
  if (!decision.ok) return decision;

  const number = previous.reduce((max, p) => Math.max(max, p.number), 0) + 1;
  const drawn = drawQuestions(definition, { secret: assessment.secret, studentId: input.userId, attemptNumber: number });
  const { deadline } = fixDeadline(rules, now);
  const questions = await Promise.all(drawn.map(async (q) => {
    const hash = assessment.contentHashes[q.scenarioId];
    if (!hash) throw new Error(`assessment ${assessment.id} has no frozen content for ${q.scenarioId}`);
    const frozen = await frozenScenario(q.scenarioId, hash);
    return {
      slot: q.slot, zone: q.zone, alternative: q.alternative, scenarioId: q.scenarioId, difficulty: q.difficulty, points: q.points,
      seed: q.seed, contentHash: hash, engineVersion: ENGINE_VERSION, optionSalt: randomBytes(24).toString("base64url"),
      variantFingerprint: seedFingerprint(frozen.scenario, q.seed),
    };
  }));
  // One batch, not an interactive transaction: on SQLite an interactive one holds the database
  // across event-loop turns, so in a class's start burst every start waited behind the others' CPU.
  const attemptId = newAttemptId();
  try {
    await getDb().$transaction([
      getDb().assessmentAttempt.create({
        data: { id: attemptId, assessmentId: assessment.id, userId: input.userId, number, status: "in_progress", startedAt: new Date(now), deadline: deadline === null ? null : new Date(deadline), answers: {} },
        select: { id: true },
      }),
      getDb().attemptQuestion.createMany({ data: questions.map((q) => ({ ...q, attemptId })) }),
      getDb().attemptEvent.create({ data: { attemptId, seq: 1, type: "started", at: new Date(now), data: { deadline } } }),
    ]);
    return { ok: true, attemptId, deadline };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "attempt_in_progress", message: "Another start of this assessment just happened: continue that attempt." };
    throw error;
  }
}

export type ChangeResult =
  | { readonly ok: true; readonly savedAt: number; readonly deadline: number | null }
  | { readonly ok: false; readonly reason: AttemptRefusal | "not_found"; readonly message: string };

/** Events are dated by the server; an instance whose clock is a hair behind the last event's uses that time. */
const notBefore = (now: number, last: number) => Math.max(now, last);

/** Keeps only the slots the attempt has (a forged slot is dropped, never stored). */
function knownSlots(answers: Answers, slots: ReadonlySet<string>): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([slot]) => slots.has(slot)));
}

async function slotsOf(attemptId: string): Promise<Set<string>> {
  const rows = await getDb().attemptQuestion.findMany({ where: { attemptId }, select: { slot: true } });
  return new Set(rows.map((r) => r.slot));
}

/** Saves answers (merged blank by blank into what was saved); refused after the deadline + grace. */
export async function saveAttemptAnswers(attemptId: string, answers: Answers, now: number): Promise<ChangeResult> {
  const kept = knownSlots(answers, await slotsOf(attemptId));
  const r = await appendAttemptEvent(attemptId, (state) =>
    state === null ? { refuse: "not_found", message: "No attempt with that id." } : { type: "saved", at: notBefore(now, state.lastEventAt), answers: kept });
  return r.ok ? { ok: true, savedAt: r.state.lastSavedAt ?? now, deadline: r.state.deadline } : r;
}

/**
 * Submits, with a last save of `answers` when given (one request from the page's submit button),
 * then grades. A replayed submit hears `already_submitted` and changes nothing.
 */
export async function submitAttempt(attemptId: string, now: number, answers?: Answers): Promise<ChangeResult> {
  if (answers && Object.keys(answers).length > 0) {
    const saved = await saveAttemptAnswers(attemptId, answers, now);
    if (!saved.ok) return saved;
  }
  const r = await appendAttemptEvent(attemptId, (state) =>
    state === null ? { refuse: "not_found", message: "No attempt with that id." } : { type: "submitted", at: notBefore(now, state.lastEventAt) });
  if (!r.ok) return r;
  await gradeAssessmentAttempt(attemptId, now);
  return { ok: true, savedAt: r.state.submittedAt ?? now, deadline: r.state.deadline };
}

/**
 * Every attempt still in progress whose deadline and grace have passed by `now` becomes submitted
 * at its deadline with the answers it saved, and is graded (the log's replay says the same:
 * lib/assessment/attempt.ts closeIfOverdue). Safe on several instances at once: the update only
 * applies to the version it read. `where` narrows it (one student's attempts before a new start).
 */
export async function closeOverdueAttempts(now: number, where: { assessmentId?: string; userId?: string; id?: string } = {}): Promise<number> {
  const db = getDb();
  const due = await db.assessmentAttempt.findMany({
    where: { ...where, status: "in_progress", deadline: { lt: new Date(now - GRACE_MS) } },
    select: { id: true, deadline: true, version: true },
    take: 500,
  });
  let closed = 0;
  for (const attempt of due) {
    const changed = await db.assessmentAttempt.updateMany({
      where: { id: attempt.id, status: "in_progress", version: attempt.version },
      data: { status: "submitted", submittedAt: attempt.deadline, submittedBy: "deadline", version: { increment: 1 } },
    });
    if (changed.count === 1) {
      closed += 1;
      await gradeAssessmentAttempt(attempt.id, now);
    }
  }
  return closed;
}
