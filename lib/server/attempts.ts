/**
 * Practice attempts: created when a learner opens a scenario, answers saved as they type, graded
 * exactly once on submission. Every function takes the Owner and never touches another owner's row:
 * to a different user an attempt simply does not exist (routes answer 404).
 */
import "server-only";
import type { Attempt } from "@/prisma/generated/sqlite/client";
import { getDb, type Prisma } from "./db";
import { addToMastery, type ConceptTotals, mergeConceptTotals } from "./mastery";
import { writeGrading } from "./grading-writer";
import { newAttemptId } from "./ids";
import { type Owner, ownedBy, ownerColumns } from "./owner";

export type AttemptRecord = Attempt;
export type AttemptStatus = "in_progress" | "submitted";
export type JsonInput = Prisma.InputJsonValue;

export interface NewAttempt {
  scenarioId: string;
  contentHash: string;
  engineVersion: string;
  seed: number;
  difficulty: string;
  mode?: string;
  answers?: JsonInput;
  /** Practice attempts only (see practice/secrets.ts). */
  label?: string;
  optionSalt?: string;
  variantFingerprint?: string;
}

/** What a grading function returns; only the first grading of an attempt is ever stored. */
export interface Grading {
  readonly result: JsonInput;
  readonly score: number;
  readonly maxScore: number;
  /** Per-concept totals added to the user's mastery (guests have none). */
  readonly concepts?: readonly ConceptTotals[];
}

/** Grades an attempt from its stored answers; should be pure, as it may run more than once. */
export type GradeFn = (attempt: AttemptRecord) => Grading | Promise<Grading>;

export type SaveAnswersResult = { ok: true } | { ok: false; reason: "not_found" | "already_submitted" };

export type SubmitResult =
  | { ok: true; attempt: AttemptRecord; alreadySubmitted: boolean }
  | { ok: false; reason: "not_found" | "changed_while_grading" };

export async function createAttempt(owner: Owner, input: NewAttempt): Promise<AttemptRecord> {
  return getDb().attempt.create({
    data: {
      ...ownerColumns(owner),
      scenarioId: input.scenarioId,
      contentHash: input.contentHash,
      engineVersion: input.engineVersion,
      seed: input.seed,
      difficulty: input.difficulty,
      mode: input.mode ?? "practice",
      label: input.label ?? null,
      optionSalt: input.optionSalt ?? null,
      variantFingerprint: input.variantFingerprint ?? null,
      status: "in_progress",
      answers: input.answers ?? {},
    },
  });
}

/** The attempt if this owner owns it, otherwise null (whether it exists or not). */
export async function getAttemptForOwner(attemptId: string, owner: Owner): Promise<AttemptRecord | null> {
  return getDb().attempt.findFirst({ where: { id: attemptId, ...ownedBy(owner) } });
}

/** Replace the in-progress answers; refused once submitted or for anyone but the owner. */
export async function saveAnswers(attemptId: string, owner: Owner, answers: JsonInput): Promise<SaveAnswersResult> {
  const { count } = await getDb().attempt.updateMany({
    where: { id: attemptId, status: "in_progress", ...ownedBy(owner) },
    data: { answers },
  });
  if (count === 1) return { ok: true };
  const attempt = await getAttemptForOwner(attemptId, owner);
  return { ok: false, reason: attempt ? "already_submitted" : "not_found" };
}

const MAX_GRADING_ROUNDS = 3;

/**
 * Grade and store an attempt exactly once. A doubled or retried submit returns the stored result;
 * of any number of concurrent submits exactly one grading is stored (and added to mastery), and
 * every caller gets that stored attempt back.
 *
 * The grading runs outside the transaction (it may be slow); the write is a conditional update that
 * only matches while the attempt is still in progress *and* unchanged since it was read, so answers
 * saved during grading are never paired with a stale result: that round is simply graded again.
 */
export async function submitAttemptOnce(attemptId: string, owner: Owner, grade: GradeFn): Promise<SubmitResult> {
  const db = getDb();
  for (let round = 0; round < MAX_GRADING_ROUNDS; round++) {
    const attempt = await getAttemptForOwner(attemptId, owner);
    if (!attempt) return { ok: false, reason: "not_found" };
    if (attempt.status === "submitted") return { ok: true, attempt, alreadySubmitted: true };

    const grading = await grade(attempt);
    const concepts = mergeConceptTotals(grading.concepts ?? []);
    assertScore(grading);

    const stored = await db.$transaction(async (tx) => {
      const { count } = await tx.attempt.updateMany({
        where: { id: attemptId, status: "in_progress", updatedAt: attempt.updatedAt, ...ownedBy(owner) },
        data: {
          status: "submitted",
          result: grading.result,
          score: grading.score,
          maxScore: grading.maxScore,
          submittedAt: new Date(),
        },
      });
      if (count === 1 && "userId" in owner) await addToMastery(tx, owner.userId, concepts);
      return count === 1;
    });

    const after = await getAttemptForOwner(attemptId, owner);
    if (!after) return { ok: false, reason: "not_found" };
    if (after.status === "submitted") return { ok: true, attempt: after, alreadySubmitted: !stored };
    // Still in progress: the answers changed while we graded. Grade the new answers.
  }
  return { ok: false, reason: "changed_while_grading" };
}

/**
 * Store an attempt that was graded as it was created (the stateless grading API): one row, already
 * submitted, and the user's mastery updated in the same transaction (written together with other
 * gradings that arrive meanwhile: see grading-writer.ts). Every call stores one grading, unless
 * `stillWanted()` says no before the commit (the caller has gone away and will never see the
 * response), in which case nothing is stored and the result is null.
 */
export async function recordGradedAttempt(
  owner: Owner,
  input: NewAttempt,
  grading: Grading,
  options: { stillWanted?: () => boolean } = {},
): Promise<{ id: string } | null> {
  assertScore(grading);
  const concepts = mergeConceptTotals(grading.concepts ?? []);
  const wanted = options.stillWanted ?? (() => true);
  if (options.stillWanted) {
    // One turn of the event loop lets a disconnect that already happened reach the caller's signal.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const columns = ownerColumns(owner);
  const id = await writeGrading({
    data: {
      id: newAttemptId(), ...columns, scenarioId: input.scenarioId, contentHash: input.contentHash, engineVersion: input.engineVersion,
      seed: input.seed, difficulty: input.difficulty, mode: input.mode ?? "api", status: "submitted", answers: input.answers ?? {}, optionSalt: input.optionSalt ?? null,
      result: grading.result, score: grading.score, maxScore: grading.maxScore, submittedAt: new Date(),
    },
    userId: "userId" in owner ? owner.userId : null, concepts, wanted,
  });
  return id === null ? null : { id };
}

/** An owner's attempts, newest first. */
export async function listAttemptsForOwner(
  owner: Owner,
  options: { limit?: number; status?: AttemptStatus } = {},
): Promise<AttemptRecord[]> {
  return getDb().attempt.findMany({
    where: { ...ownedBy(owner), ...(options.status ? { status: options.status } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(options.limit ?? 50, 1), 200),
  });
}

/**
 * Move a guest's practice (attempts and drills) to the account they just signed up or in with.
 * Returns how many rows moved.
 */
export async function claimGuestAttempts(guestId: string, userId: string): Promise<{ attempts: number; drills: number }> {
  const db = getDb();
  const [attempts, drills] = await db.$transaction([
    db.attempt.updateMany({ where: { guestId, userId: null }, data: { userId } }),
    db.drillAttempt.updateMany({ where: { guestId, userId: null }, data: { userId } }),
  ]);
  return { attempts: attempts.count, drills: drills.count };
}

function assertScore({ score, maxScore }: Grading): void {
  if (!Number.isFinite(score) || !Number.isFinite(maxScore) || maxScore < 0 || score < 0 || score > maxScore + 1e-9) {
    throw new RangeError(`a grading needs 0 <= score <= maxScore, got ${score}/${maxScore}`);
  }
}
