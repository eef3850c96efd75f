import { expect, test, vi } from "vitest";
import {
  claimGuestAttempts,
  createAttempt,
  type GradeFn,
  getAttemptForOwner,
  listAttemptsForOwner,
  type NewAttempt,
  saveAnswers,
  submitAttemptOnce,
} from "@/lib/server/attempts";
import { recordDrillAttempt, listDrillAttemptsForOwner } from "@/lib/server/drills";
import { createUserWithPassword } from "@/lib/server/users";
import { describeEachDatabase } from "./support/test-database";

const SCENARIO: NewAttempt = {
  scenarioId: "home-router-nat",
  contentHash: "sha256:abc",
  engineVersion: "1",
  seed: 42,
  difficulty: "easy",
};

let counter = 0;
async function newUser(): Promise<{ userId: string }> {
  const created = await createUserWithPassword({ email: `learner${++counter}-${Date.now()}@example.com`, password: "a long enough password" });
  if (!created.ok) throw new Error("could not create a test user");
  return { userId: created.user.id };
}

/** A grader that scores one point per answer equal to "ok". */
const grade: GradeFn = (attempt) => {
  const answers = attempt.answers as Record<string, string>;
  const score = Object.values(answers).filter((a) => a === "ok").length;
  return {
    result: { perField: answers, score },
    score,
    maxScore: 3,
    concepts: [{ concept: "nat", earned: score, possible: 3 }],
  };
};

describeEachDatabase("attempts", (database) => {
  test("a new attempt is in progress, with empty answers and the practice mode", async () => {
    const owner = await newUser();
    const attempt = await createAttempt(owner, SCENARIO);
    expect(attempt).toMatchObject({ ...SCENARIO, userId: owner.userId, guestId: null, status: "in_progress", mode: "practice", answers: {} });
    expect(attempt.result).toBeNull();
    expect(attempt.submittedAt).toBeNull();
  });

  test("only the owner can read an attempt: another user or a guest gets null", async () => {
    const owner = await newUser();
    const stranger = await newUser();
    const attempt = await createAttempt(owner, SCENARIO);
    expect((await getAttemptForOwner(attempt.id, owner))?.id).toBe(attempt.id);
    expect(await getAttemptForOwner(attempt.id, stranger)).toBeNull();
    expect(await getAttemptForOwner(attempt.id, { guestId: "g_someone" })).toBeNull();
    expect(await getAttemptForOwner("no-such-attempt", owner)).toBeNull();
  });

  test("answers are saved while in progress, only by the owner", async () => {
    const owner = await newUser();
    const stranger = await newUser();
    const attempt = await createAttempt(owner, SCENARIO);

    expect(await saveAnswers(attempt.id, owner, { hop1: "ok" })).toEqual({ ok: true });
    expect(await saveAnswers(attempt.id, owner, { hop1: "ok", hop2: "wrong" })).toEqual({ ok: true });
    expect((await getAttemptForOwner(attempt.id, owner))?.answers).toEqual({ hop1: "ok", hop2: "wrong" });

    expect(await saveAnswers(attempt.id, stranger, { hop1: "hijacked" })).toEqual({ ok: false, reason: "not_found" });
    expect((await getAttemptForOwner(attempt.id, owner))?.answers).toEqual({ hop1: "ok", hop2: "wrong" });
  });

  test("answers cannot change after submission", async () => {
    const owner = await newUser();
    const attempt = await createAttempt(owner, { ...SCENARIO, answers: { hop1: "ok" } });
    await submitAttemptOnce(attempt.id, owner, grade);
    expect(await saveAnswers(attempt.id, owner, { hop1: "changed" })).toEqual({ ok: false, reason: "already_submitted" });
  });

  test("submitting stores the grading; a retried submit returns the stored result without regrading", async () => {
    const owner = await newUser();
    const attempt = await createAttempt(owner, { ...SCENARIO, answers: { hop1: "ok", hop2: "ok", hop3: "no" } });
    const first = await submitAttemptOnce(attempt.id, owner, grade);
    expect(first.ok && first.alreadySubmitted).toBe(false);
    if (!first.ok) return;
    expect(first.attempt).toMatchObject({ status: "submitted", score: 2, maxScore: 3 });
    expect(first.attempt.submittedAt).toBeInstanceOf(Date);

    const regrade = vi.fn(grade);
    const second = await submitAttemptOnce(attempt.id, owner, regrade);
    expect(regrade).not.toHaveBeenCalled();
    expect(second).toEqual({ ok: true, attempt: first.attempt, alreadySubmitted: true });
  });

  test("a stranger cannot submit someone else's attempt", async () => {
    const owner = await newUser();
    const stranger = await newUser();
    const attempt = await createAttempt(owner, SCENARIO);
    expect(await submitAttemptOnce(attempt.id, stranger, grade)).toEqual({ ok: false, reason: "not_found" });
    expect((await getAttemptForOwner(attempt.id, owner))?.status).toBe("in_progress");
  });

  test("20 concurrent identical submits store exactly one grading and all get the same result", async () => {
    const owner = await newUser();
    const attempt = await createAttempt(owner, { ...SCENARIO, answers: { hop1: "ok", hop2: "ok", hop3: "ok" } });
    let gradings = 0;
    // Each grading leaves a fingerprint in its result, so a second stored grading would show.
    const fingerprinting: GradeFn = async (a) => {
      const n = ++gradings;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { ...(await grade(a)), result: { grading: n } };
    };

    const results = await Promise.all(Array.from({ length: 20 }, () => submitAttemptOnce(attempt.id, owner, fingerprinting)));

    expect(results.every((r) => r.ok)).toBe(true);
    const stored = results.map((r) => (r.ok ? r.attempt : null));
    const winners = results.filter((r) => r.ok && !r.alreadySubmitted);
    expect(winners).toHaveLength(1);
    const distinctResults = new Set(stored.map((a) => JSON.stringify(a?.result)));
    expect(distinctResults.size).toBe(1);
    expect(new Set(stored.map((a) => a?.submittedAt?.toISOString())).size).toBe(1);

    const row = await database().db.attempt.findUniqueOrThrow({ where: { id: attempt.id } });
    expect(JSON.stringify(row.result)).toBe([...distinctResults][0]);
    // Mastery counted the submission once, not once per caller.
    const mastery = await database().db.conceptScore.findUniqueOrThrow({ where: { userId_concept: { userId: owner.userId, concept: "nat" } } });
    expect(mastery).toMatchObject({ earned: 3, possible: 3, attempts: 1 });
  });

  test("answers saved while grading are graded again, never paired with a stale result", async () => {
    const owner = await newUser();
    const attempt = await createAttempt(owner, { ...SCENARIO, answers: { hop1: "no" } });
    let calls = 0;
    const slowGrade: GradeFn = async (a) => {
      calls++;
      if (calls === 1) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        await saveAnswers(attempt.id, owner, { hop1: "ok" });
      }
      return grade(a);
    };
    const result = await submitAttemptOnce(attempt.id, owner, slowGrade);
    expect(calls).toBe(2);
    expect(result.ok && result.attempt.score).toBe(1);
  });

  test("a grading with an impossible score is refused and the attempt stays in progress", async () => {
    const owner = await newUser();
    const attempt = await createAttempt(owner, SCENARIO);
    await expect(submitAttemptOnce(attempt.id, owner, () => ({ result: {}, score: 5, maxScore: 3 }))).rejects.toThrow(RangeError);
    expect((await getAttemptForOwner(attempt.id, owner))?.status).toBe("in_progress");
  });

  test("lists an owner's attempts newest first, and only theirs", async () => {
    const owner = await newUser();
    const other = await newUser();
    const a = await createAttempt(owner, { ...SCENARIO, scenarioId: "first" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const b = await createAttempt(owner, { ...SCENARIO, scenarioId: "second" });
    await createAttempt(other, SCENARIO);
    await submitAttemptOnce(a.id, owner, grade);

    expect((await listAttemptsForOwner(owner)).map((x) => x.id)).toEqual([b.id, a.id]);
    expect((await listAttemptsForOwner(owner, { status: "submitted" })).map((x) => x.id)).toEqual([a.id]);
    expect(await listAttemptsForOwner(owner, { limit: 1 })).toHaveLength(1);
  });

  test("a guest's attempts and drills move to the account they sign up with", async () => {
    const guest = { guestId: `g_guest${Date.now()}` };
    const attempt = await createAttempt(guest, SCENARIO);
    await recordDrillAttempt(guest, { kind: "subnetting", seed: 7, correct: 4, total: 5 });
    expect((await getAttemptForOwner(attempt.id, guest))?.id).toBe(attempt.id);

    const user = await newUser();
    expect(await claimGuestAttempts(guest.guestId, user.userId)).toEqual({ attempts: 1, drills: 1 });

    expect((await getAttemptForOwner(attempt.id, user))?.id).toBe(attempt.id);
    expect(await getAttemptForOwner(attempt.id, guest)).toBeNull();
    expect(await listDrillAttemptsForOwner(user)).toHaveLength(1);
    // Claiming twice moves nothing more.
    expect(await claimGuestAttempts(guest.guestId, user.userId)).toEqual({ attempts: 0, drills: 0 });
  });
});
