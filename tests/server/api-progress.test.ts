/**
 * GET /api/v1/me/progress against a real (migrated, throwaway) database: 401 for visitors and
 * guests, and for a signed-in learner their attempts, mastery, suggestions and drill totals.
 */
import { expect, test, vi } from "vitest";
import { GET as getProgress } from "@/app/api/v1/me/progress/route";
import { createAttempt, submitAttemptOnce } from "@/lib/server/attempts";
import { recordDrillAttempt } from "@/lib/server/drills";
import { createUserWithPassword } from "@/lib/server/users";
import { call, json } from "./support/api-client";
import { describeEachDatabase } from "./support/test-database";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string | null; role: "learner" } }));
vi.mock("@/lib/server/auth", () => ({ getCurrentUser: async () => session.user }));

const progress = () => call(getProgress, "GET", "/api/v1/me/progress");

test("401 when nobody is signed in", async () => {
  session.user = null;
  const response = await progress();
  expect(response.status).toBe(401);
  expect((await json(response)).error).toMatchObject({ code: "unauthorized", message: expect.any(String) });
});

describeEachDatabase("progress API", () => {
  let counter = 0;
  async function signIn() {
    const email = `progress${++counter}-${Date.now()}@example.com`;
    const created = await createUserWithPassword({ email, password: "a long enough password" });
    if (!created.ok) throw new Error("could not create a test user");
    session.user = { id: created.user.id, email, name: null, role: "learner" };
    return { userId: created.user.id };
  }

  test("a new learner: empty history, suggestions to start with, no drills", async () => {
    await signIn();
    const response = await progress();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const body = await json(response);
    expect(body).toEqual({
      attempts: [],
      mastery: [],
      practiseNext: expect.any(Array),
      drills: { drills: 0, correct: 0, total: 0, byKind: [] },
    });
    expect(body.practiseNext.length).toBeGreaterThan(0);
    expect(body.practiseNext[0]).toMatchObject({ concept: expect.any(String), ratio: null, scenarios: expect.any(Array) });
  });

  test("attempts, mastery per concept, weakest concepts first, and drill totals", async () => {
    const owner = await signIn();
    const attempt = await createAttempt(owner, { scenarioId: "browser-to-google", contentHash: "h", engineVersion: "1", seed: 5, difficulty: "intermediate" });
    await submitAttemptOnce(attempt.id, owner, () => ({
      result: {}, score: 6, maxScore: 10,
      concepts: [{ concept: "nat", earned: 1, possible: 4 }, { concept: "dns", earned: 5, possible: 6 }],
    }));
    await createAttempt(owner, { scenarioId: "ssh-via-bastion", contentHash: "h", engineVersion: "1", seed: 9, difficulty: "beginner" });
    await recordDrillAttempt(owner, { kind: "subnet-facts", seed: 1, correct: 4, total: 5 });
    await recordDrillAttempt(owner, { kind: "subnet-facts", seed: 2, correct: 5, total: 5 });
    await recordDrillAttempt(owner, { kind: "classful-class", seed: 3, correct: 0, total: 1 });

    const body = await json(await progress());
    expect(body.attempts).toHaveLength(2);
    const graded = body.attempts.find((a: { id: string }) => a.id === attempt.id);
    expect(graded).toMatchObject({
      scenarioId: "browser-to-google", scenarioTitle: "What happens when you type google.com?", difficulty: "intermediate",
      status: "submitted", score: 6, maxScore: 10, percent: 60, href: `/practice/${attempt.id}`,
    });
    expect(Date.parse(graded.submittedAt)).not.toBeNaN();
    expect(body.attempts.find((a: { id: string }) => a.id !== attempt.id)).toMatchObject({ status: "in_progress", percent: null, score: null });

    expect(body.mastery.map((m: { concept: string }) => m.concept)).toEqual(["nat", "dns"]);
    expect(body.mastery[0]).toEqual({ concept: "nat", earned: 1, possible: 4, ratio: 0.25, attempts: 1 });
    expect(body.practiseNext[0]).toMatchObject({ concept: "nat", ratio: 0.25 });
    expect(body.practiseNext[0].scenarios.map((s: { id: string }) => s.id)).toContain("browser-to-google");
    expect(body.practiseNext[1]).toMatchObject({ concept: "dns" });

    expect(body.drills).toEqual({
      drills: 3, correct: 9, total: 11,
      byKind: [
        { kind: "classful-class", drills: 1, correct: 0, total: 1 },
        { kind: "subnet-facts", drills: 2, correct: 9, total: 10 },
      ],
    });
  });

  test("one learner never sees another's progress", async () => {
    const first = await signIn();
    await recordDrillAttempt(first, { kind: "cidr-contains", seed: 4, correct: 1, total: 2 });
    await signIn();
    const body = await json(await progress());
    expect(body.drills.drills).toBe(0);
    expect(body.attempts).toEqual([]);
  });
});
