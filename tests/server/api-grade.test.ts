/**
 * POST /api/v1/grade: stateless grading with the cached key. A signed-in caller's every successful
 * call is stored as one submitted attempt (mode "api", never added to mastery): after N successful
 * responses there are exactly N stored gradings, whether the calls come one by one or all at once.
 * Failed calls store nothing; anonymous calls (a guest cookie or none) store nothing at all.
 */
import { expect, test, vi } from "vitest";
import { POST as grade } from "@/app/api/v1/grade/route";
import { GET as getAttempt } from "@/app/api/v1/attempts/[id]/route";
import { buildAnswerKey, modelAnswers } from "@/lib/grader";
import { getScenario } from "@/lib/server/catalogue";
import { getDb } from "@/lib/server/db";
import { recordGradedAttempt } from "@/lib/server/attempts";
import { storedResult } from "@/lib/grader";
import { ownedBy, type Owner } from "@/lib/server/owner";
import { createUserWithPassword } from "@/lib/server/users";
import { call, json } from "./support/api-client";
import { actAs, guestsCreated, newGuest } from "./support/mock-owner";
import { describeEachDatabase } from "./support/test-database";

vi.mock("@/lib/server/request-owner", () => import("./support/mock-owner"));

const GOOGLE = "browser-to-google";
const SEED = 11;

function answers(seed = SEED) {
  const found = getScenario(GOOGLE)!;
  return modelAnswers(buildAnswerKey(found.scenario, seed, "beginner")) as Record<string, unknown>;
}

const gradeCall = (body: unknown) => call(grade, "POST", "/api/v1/grade", { body });
const storedFor = (owner: Owner) => getDb().attempt.findMany({ where: ownedBy(owner) });

let users = 0;
async function newUser(): Promise<{ userId: string }> {
  const created = await createUserWithPassword({ email: `grader-${++users}-${Date.now()}@example.com`, password: "a long enough password" });
  if (!created.ok) throw new Error("no user");
  return { userId: created.user.id };
}

describeEachDatabase("grading API", () => {
  test("grades and returns the GradeResult; a user's stored attempt is submitted, mode api, with the same result, outside mastery", async () => {
    const owner = await newUser();
    actAs(owner);
    const wrong = { ...answers(), "first-visit/tcp.syn@home-router/src": "192.168.1.10:52432" };
    const response = await gradeCall({ scenarioId: GOOGLE, seed: SEED, difficulty: "beginner", answers: wrong });
    expect(response.status).toBe(200);
    const result = await json(response);
    expect(result).toMatchObject({ scenarioId: GOOGLE, seed: SEED, difficulty: "beginner" });
    expect(result.score).toBeLessThan(result.maxScore);
    expect(result.firstDivergence).toMatchObject({ flow: "first-visit", at: "tcp.syn@home-router" });

    const rows = await storedFor(owner);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ mode: "api", status: "submitted", seed: SEED, difficulty: "beginner", score: result.score, maxScore: result.maxScore });
    // The row keeps the compact verdicts; the full result (explanations included) is rebuilt by regrading.
    expect(rows[0]!.result).toEqual(storedResult(result));
    // Written with one raw multi-row INSERT (grading-writer.ts): read back through Prisma, its times are real times.
    for (const at of [rows[0]!.submittedAt!, rows[0]!.createdAt, rows[0]!.updatedAt]) expect(Math.abs(at.getTime() - Date.now())).toBeLessThan(60_000);
    expect(response.headers.get("content-location")).toBe(`/api/v1/attempts/${rows[0]!.id}`);
    const view = await json(await call(getAttempt, "GET", "/", { params: { id: rows[0]!.id } }));
    const { seed: _seed, ...withoutSeed } = result;
    expect(view.result).toEqual(withoutSeed);
    // The same endpoint reveals a catalogue variant's answers, so its gradings never count as mastery.
    expect(await getDb().conceptScore.count({ where: { userId: owner.userId } })).toBe(0);
  });

  test("N successful calls store exactly N gradings (sequential and 25 concurrent); failures store none", async () => {
    const owner = await newUser();
    actAs(owner);
    const body = { scenarioId: GOOGLE, seed: SEED, difficulty: "beginner", answers: answers() };
    let ok = 0;
    for (let i = 0; i < 5; i++) if ((await gradeCall(body)).status === 200) ok++;
    const concurrent = await Promise.all(Array.from({ length: 25 }, (_, i) => gradeCall({ ...body, seed: i % 3 === 0 ? SEED : i })));
    ok += concurrent.filter((r) => r.status === 200).length;
    // Failures: bad input, unknown scenario, broken JSON.
    expect((await gradeCall({ ...body, difficulty: "expert" })).status).toBe(422);
    expect((await gradeCall({ ...body, scenarioId: "no-such-scenario" })).status).toBe(404);
    expect((await call(grade, "POST", "/api/v1/grade", { raw: "{" })).status).toBe(400);

    expect(ok).toBe(30);
    const rows = await storedFor(owner);
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => r.mode === "api" && r.status === "submitted" && r.result !== null)).toBe(true);
  });

  test.each([
    { label: "a caller without an identity stays one (no guest is made)", owner: () => null },
    { label: "a guest", owner: () => newGuest() },
  ])("anonymous grading stores nothing: $label", async ({ owner }) => {
    const who = owner();
    actAs(who);
    const guestsBefore = guestsCreated().length;
    const rowsBefore = await getDb().attempt.count();
    for (let i = 0; i < 3; i++) {
      const response = await gradeCall({ scenarioId: GOOGLE, seed: 3 + i, difficulty: "beginner", answers: {} });
      expect(response.status).toBe(200);
      expect((await json(response)).score).toBe(0);
      expect(response.headers.get("content-location")).toBeNull();
    }
    expect(guestsCreated().length).toBe(guestsBefore);
    expect(await getDb().attempt.count()).toBe(rowsBefore);
  });

  test.each([
    { label: "above the public range", seed: 10_000 },
    { label: "an attempt-sized seed", seed: 1_234_567_890 },
    { label: "negative", seed: -1 },
  ])("a seed outside the public range 0-9999 is refused: $label", async ({ seed }) => {
    actAs(null);
    const response = await gradeCall({ scenarioId: GOOGLE, seed, difficulty: "beginner", answers: {} });
    expect(response.status).toBe(422);
    expect((await json(response)).error.fields.seed[0]).toMatch(/0 to 9999/);
  });

  test("garbage answers (right shape, nonsense values) are graded, not rejected", async () => {
    actAs(newGuest());
    const response = await gradeCall({
      scenarioId: GOOGLE, seed: 2, difficulty: "beginner",
      answers: { "first-visit/dns.query@laptop/dst": "999.1.1.1:99999", "first-visit/nat@home-router~2/nat": { inside: "x" }, "no/such/blank": ["a", "b"] },
    });
    expect(response.status).toBe(200);
    const result = await json(response);
    expect(result.formatErrors).toBe(2);
    expect(result.ignored).toEqual(["no/such/blank"]);
  });

  test("gradings that arrive together are committed together, in one transaction", async () => {
    const owner = newGuest();
    const input = { scenarioId: GOOGLE, contentHash: "h", engineVersion: "1", seed: 1, difficulty: "beginner", answers: {} };
    const grading = { result: { score: 1 }, score: 1, maxScore: 2 };
    const transactions = vi.spyOn(getDb(), "$transaction");
    try {
      const stored = await Promise.all(Array.from({ length: 25 }, () => recordGradedAttempt(owner, input, grading)));
      expect(stored.every((s) => s !== null)).toBe(true);
      expect(transactions).toHaveBeenCalledTimes(1);
    } finally {
      transactions.mockRestore();
    }
    expect(await storedFor(owner)).toHaveLength(25);
  });

  test("a caller who hung up gets nothing stored: before grading, or just after the insert", async () => {
    const owner = await newUser();
    actAs(owner);
    const gone = new AbortController();
    gone.abort();
    const response = await call(grade, "POST", "/api/v1/grade", { body: { scenarioId: GOOGLE, seed: SEED, difficulty: "beginner", answers: answers() }, signal: gone.signal });
    expect(response.status).toBe(499);
    expect(await storedFor(owner)).toHaveLength(0);

    // The client leaves while the row is being written: the transaction (the row, and a user's
    // mastery) is rolled back, so the grading is never visible.
    const user = await newUser();
    const input = { scenarioId: GOOGLE, contentHash: "h", engineVersion: "1", seed: 1, difficulty: "beginner", answers: {} };
    const grading = { result: { score: 1 }, score: 1, maxScore: 2, concepts: [{ concept: "nat", earned: 1, possible: 2 }] };
    for (const who of [owner, user]) {
      let checks = 0;
      const stored = await recordGradedAttempt(who, input, grading, { stillWanted: () => ++checks < 2 });
      expect(stored).toBeNull();
      expect(checks).toBe(2);
      expect(await storedFor(who)).toHaveLength(0);
    }
    expect(await getDb().conceptScore.count({ where: { userId: user.userId } })).toBe(0);
    expect(await recordGradedAttempt(user, input, grading)).not.toBeNull();
    expect(await storedFor(user)).toHaveLength(1);
  });
});
