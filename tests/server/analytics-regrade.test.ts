/**
 * Deterministic regrade on SQLite and PostgreSQL, on a class that took the assessment through the
 * real services: against the original content every attempt keeps its score and every field its
 * verdict; after one content change (the private subnet's ACL denies the return traffic) exactly
 * the outcome fields of exactly the students who answered them change; applying keeps scores from
 * going down unless allowed, writes the ledger, and the student's notice says why.
 */
import { expect, test } from "vitest";
import { contentHashOf } from "@/lib/content/scenario-files";
import { applyRegrade, planRegrade, type CurrentContent } from "@/lib/server/analytics/regrade";
import { noticeSentence, scoreNotices } from "@/lib/server/assessments/score-notices";
import { getDb } from "@/lib/server/db";
import { type AnalyticsClass, deniedText, loadScenario, OUTCOME, type Profile, seedAnalyticsClass } from "./support/analytics-class";
import { MINUTE, seedClass, T0, takeAssessment } from "./support/class-fixture";
import { describeEachDatabase } from "./support/test-database";

const deniedSource = deniedText();
const DENIED: CurrentContent = (id) => (id === "aws-private-subnet-nat" ? { scenario: loadScenario(deniedSource), contentHash: contentHashOf(new TextEncoder().encode(deniedSource)), source: deniedSource } : null);

/** Which fields change for each profile when the ACL denies the return traffic, and which way the score goes. */
const EXPECTED: Readonly<Record<Profile, { fields: readonly string[]; direction: "down" | "up" | "same" }>> = {
  "all-right": { fields: OUTCOME, direction: "down" },
  "predicts-denial": { fields: OUTCOME, direction: "up" },
  "outcome-blank": { fields: [], direction: "same" },
  "early-slip": { fields: OUTCOME, direction: "down" },
  nothing: { fields: [], direction: "same" },
  garbage: { fields: [], direction: "same" },
};

describeEachDatabase("deterministic regrade", () => {
  let cls: AnalyticsClass;
  const profileOf = (attemptId: string) => cls.students.find((s) => s.attemptId === attemptId)!.profile;

  test("seed", async () => {
    cls = await seedAnalyticsClass();
  });

  test("against the original content every stored score and verdict is reproduced exactly (the analytics class)", async () => {
    const plan = (await planRegrade(cls.assessmentId, "original"))!;
    expect(plan.attempts).toHaveLength(cls.students.length);
    for (const a of plan.attempts) {
      expect([profileOf(a.attemptId), a.problem, a.newScore, a.questions.flatMap((q) => q.changes)]).toEqual([profileOf(a.attemptId), null, a.oldScore, []]);
    }
  });

  test("against the original content, the lead's fixture exam (two zones, per-student draws) reproduces every attempt", async () => {
    const fx = await seedClass({ students: 3 });
    for (const [i, s] of fx.students.entries()) {
      await takeAssessment(fx, s, { start: T0 + MINUTE, submit: T0 + 30 * MINUTE }, i === 1 ? () => ({}) : undefined);
    }
    const plan = (await planRegrade(fx.assessmentId, "original"))!;
    expect(plan.attempts).toHaveLength(3);
    expect(plan.attempts.map((a) => [a.newScore === a.oldScore, a.questions.length, a.questions.every((q) => q.changes.length === 0)])).toEqual([[true, 2, true], [true, 2, true], [true, 2, true]]);
  });

  test("dry run after the content change: exactly the outcome fields of exactly the students who answered them", async () => {
    const plan = (await planRegrade(cls.assessmentId, "current", DENIED))!;
    for (const a of plan.attempts) {
      const expected = EXPECTED[profileOf(a.attemptId)];
      expect([profileOf(a.attemptId), a.questions.flatMap((q) => q.changes.map((c) => c.id))]).toEqual([profileOf(a.attemptId), [...expected.fields]]);
      const direction = a.newScore > a.oldScore ? "up" : a.newScore < a.oldScore ? "down" : "same";
      expect([profileOf(a.attemptId), direction]).toEqual([profileOf(a.attemptId), expected.direction]);
    }
    const right = plan.attempts.find((a) => profileOf(a.attemptId) === "all-right")!;
    expect(right.questions[0]!.changes[0]!.reasons).toContainEqual({ kind: "expected-changed", before: "DELIVERED", after: "DENIED_BY_NETWORK_ACL" });
  });

  test("a dry run writes nothing", async () => {
    const ledger = await getDb().scoreLedgerEntry.count({ where: { kind: "regraded" } });
    await planRegrade(cls.assessmentId, "current", DENIED);
    expect(await getDb().scoreLedgerEntry.count({ where: { kind: "regraded" } })).toBe(ledger);
  });

  test("applied to one chosen student only", async () => {
    const early = cls.students.find((s) => s.profile === "early-slip")!;
    const applied = (await applyRegrade(cls.assessmentId, { target: "current", attemptIds: [cls.students.find((s) => s.profile === "predicts-denial")!.attemptId], allowLower: false, reason: "the ACL in the scenario was fixed", actorId: cls.fixture.instructor.id, now: T0 + 60 * MINUTE }, DENIED))!;
    expect(applied.map((r) => [profileOf(r.attemptId), r.verdict])).toEqual([["predicts-denial", "raised"]]);
    expect(await getDb().scoreLedgerEntry.count({ where: { attemptId: early.attemptId, kind: "regraded" } })).toBe(0);
  });

  test("applied to all without lowering: lower scores are kept, nothing written for them", async () => {
    const before = new Map((await getDb().assessmentAttempt.findMany({ where: { assessmentId: cls.assessmentId } })).map((a) => [a.id, a.score]));
    const applied = (await applyRegrade(cls.assessmentId, { target: "current", allowLower: false, reason: "the ACL in the scenario was fixed", actorId: cls.fixture.instructor.id, now: T0 + 61 * MINUTE }, DENIED))!;
    const verdicts = Object.fromEntries(applied.map((r) => [profileOf(r.attemptId), r.verdict]));
    // predicts-denial was already raised: against the new content it now stands unchanged.
    expect(verdicts).toEqual({ "all-right": "kept", "predicts-denial": "unchanged", "outcome-blank": "unchanged", "early-slip": "kept", nothing: "unchanged", garbage: "unchanged" });
    const after = await getDb().assessmentAttempt.findMany({ where: { assessmentId: cls.assessmentId } });
    for (const a of after) expect([profileOf(a.id), a.score]).toEqual([profileOf(a.id), before.get(a.id)]);
  });

  test("applied with lowering allowed: the ledger records each change with its reason, and the student is told", async () => {
    const right = cls.students.find((s) => s.profile === "all-right")!;
    const old = (await getDb().assessmentAttempt.findUniqueOrThrow({ where: { id: right.attemptId } })).score!;
    const applied = (await applyRegrade(cls.assessmentId, { target: "current", allowLower: true, reason: "the ACL in the scenario was fixed", actorId: cls.fixture.instructor.id, now: T0 + 62 * MINUTE }, DENIED))!;
    expect(applied.filter((r) => r.verdict === "lowered").map((r) => profileOf(r.attemptId)).sort()).toEqual(["all-right", "early-slip"]);
    const ledger = await getDb().scoreLedgerEntry.findMany({ where: { attemptId: right.attemptId, kind: "regraded" } });
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ oldScore: old, actorId: cls.fixture.instructor.id });
    expect(ledger[0]!.newScore).toBeLessThan(old);
    const [notice] = await scoreNotices(right.attemptId);
    expect(noticeSentence(notice!, 10)).toMatch(/^Your score changed from 10 to \d(\.\d+)? of 10 after a regrade because the ACL in the scenario was fixed \(z0q0 apt-update\/outcome\/disposition: 1 -> 0 \(the expected answer changed from DELIVERED to DENIED_BY_NETWORK_ACL/);
  });

  test("after applying, the regraded attempts name the new content, which reproduces them exactly", async () => {
    const plan = (await planRegrade(cls.assessmentId, "original"))!;
    expect(plan.attempts.every((a) => a.problem === null && a.newScore === a.oldScore && a.questions.every((q) => q.changes.length === 0))).toBe(true);
    // Attempts whose score moved now name the denied content; the others, whose results are the same on both, stay on the original.
    const denied = DENIED("aws-private-subnet-nat")!.contentHash;
    const moved = plan.attempts.filter((a) => a.questions[0]!.fromHash === denied).map((a) => profileOf(a.attemptId)).sort();
    expect(moved).toEqual(["all-right", "early-slip", "predicts-denial"]);
  });
});

