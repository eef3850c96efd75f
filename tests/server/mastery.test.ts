import { expect, test } from "vitest";
import { createAttempt, type GradeFn, submitAttemptOnce } from "@/lib/server/attempts";
import { getMasteryForUser, InvalidConceptTotalsError, mergeConceptTotals } from "@/lib/server/mastery";
import { createUserWithPassword } from "@/lib/server/users";
import { describeEachDatabase } from "./support/test-database";

const SCENARIO = { scenarioId: "s", contentHash: "h", engineVersion: "1", seed: 1, difficulty: "easy" };

async function newUserId(): Promise<string> {
  const created = await createUserWithPassword({
    email: `mastery-${Math.random().toString(36).slice(2)}@example.com`,
    password: "a long enough password",
  });
  if (!created.ok) throw new Error("could not create a test user");
  return created.user.id;
}

function gradeWith(concepts: { concept: string; earned: number; possible: number }[]): GradeFn {
  const score = concepts.reduce((s, c) => s + c.earned, 0);
  const maxScore = concepts.reduce((s, c) => s + c.possible, 0);
  return () => ({ result: { concepts }, score, maxScore, concepts });
}

test.each([
  { label: "sums duplicate concepts", input: [{ concept: "nat", earned: 1, possible: 2 }, { concept: "nat", earned: 2, possible: 2 }], out: [{ concept: "nat", earned: 3, possible: 4 }] },
  { label: "keeps distinct concepts apart", input: [{ concept: "a", earned: 0, possible: 1 }, { concept: "b", earned: 1, possible: 1 }], out: [{ concept: "a", earned: 0, possible: 1 }, { concept: "b", earned: 1, possible: 1 }] },
  { label: "accepts nothing", input: [], out: [] },
])("mergeConceptTotals $label", ({ input, out }) => {
  expect(mergeConceptTotals(input)).toEqual(out);
});

test.each([
  { label: "earned above possible", totals: { concept: "x", earned: 3, possible: 2 } },
  { label: "negative", totals: { concept: "x", earned: -1, possible: 2 } },
  { label: "not a number", totals: { concept: "x", earned: Number.NaN, possible: 2 } },
  { label: "blank concept", totals: { concept: " ", earned: 0, possible: 1 } },
])("mergeConceptTotals rejects $label", ({ totals }) => {
  expect(() => mergeConceptTotals([totals])).toThrow(InvalidConceptTotalsError);
});

describeEachDatabase("mastery", () => {
  test("each submission adds its per-concept totals and counts one attempt per concept", async () => {
    const userId = await newUserId();
    const owner = { userId };
    const first = await createAttempt(owner, SCENARIO);
    await submitAttemptOnce(first.id, owner, gradeWith([{ concept: "routing", earned: 2, possible: 4 }, { concept: "nat", earned: 1, possible: 1 }]));
    const second = await createAttempt(owner, SCENARIO);
    await submitAttemptOnce(second.id, owner, gradeWith([{ concept: "routing", earned: 4, possible: 4 }]));

    const mastery = await getMasteryForUser(userId);
    expect(mastery.map(({ concept, earned, possible, attempts, ratio }) => ({ concept, earned, possible, attempts, ratio }))).toEqual([
      { concept: "routing", earned: 6, possible: 8, attempts: 2, ratio: 0.75 },
      { concept: "nat", earned: 1, possible: 1, attempts: 1, ratio: 1 },
    ]);
  });

  test("concurrent submissions of different attempts all add up", async () => {
    const userId = await newUserId();
    const owner = { userId };
    const attempts = await Promise.all(Array.from({ length: 8 }, () => createAttempt(owner, SCENARIO)));
    await Promise.all(attempts.map((a) => submitAttemptOnce(a.id, owner, gradeWith([{ concept: "dns", earned: 1, possible: 2 }, { concept: "tcp", earned: 2, possible: 2 }]))));
    const byConcept = Object.fromEntries((await getMasteryForUser(userId)).map((m) => [m.concept, m]));
    expect(byConcept.dns).toMatchObject({ earned: 8, possible: 16, attempts: 8 });
    expect(byConcept.tcp).toMatchObject({ earned: 16, possible: 16, attempts: 8 });
  });

  test("a guest's submission changes no mastery", async () => {
    const guest = { guestId: "g_mastery_guest" };
    const attempt = await createAttempt(guest, SCENARIO);
    const result = await submitAttemptOnce(attempt.id, guest, gradeWith([{ concept: "nat", earned: 1, possible: 1 }]));
    expect(result.ok).toBe(true);
  });

  test("a grading with invalid concept totals stores nothing", async () => {
    const userId = await newUserId();
    const attempt = await createAttempt({ userId }, SCENARIO);
    await expect(
      submitAttemptOnce(attempt.id, { userId }, () => ({ result: {}, score: 1, maxScore: 1, concepts: [{ concept: "nat", earned: 2, possible: 1 }] })),
    ).rejects.toThrow(InvalidConceptTotalsError);
    expect(await getMasteryForUser(userId)).toEqual([]);
  });
});
