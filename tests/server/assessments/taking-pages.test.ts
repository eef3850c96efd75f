/**
 * The student's pages, from their data: the course list's phases and attempts left, the rules
 * before starting (the time factor applied, when each feedback part appears), and the attempt page's
 * element tree (what React serialises into the RSC payload for client components and renders into
 * HTML) holding no expected value during the attempt or after submitting before the feedback moment.
 */
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import AttemptPage from "@/app/(learn)/courses/[courseId]/attempts/[attemptId]/page";
import BeforeStartPage from "@/app/(learn)/courses/[courseId]/assessments/[assessmentId]/page";
import { GRACE_MS } from "@/lib/assessment/deadline";
import { beforeStart, courseAssessmentsFor } from "@/lib/server/assessments/taking";
import { saveAttemptAnswers, startAttempt, submitAttempt } from "@/lib/server/assessments/attempts";
import { actAs, userActor } from "../support/mock-actor";
import { correctAnswers, MINUTE, seedClass, T0, type ClassFixture } from "../support/class-fixture";
import { describeEachDatabase } from "../support/test-database";
import { attemptSecrets, scanForLeaks } from "./support/assessment-leaks";

vi.mock("@/lib/server/auth/actor", () => import("../support/mock-actor"));

const CLOSE = T0 + 180 * MINUTE;

/** A page's element tree as data: every element's props (React's own bookkeeping, `_owner` etc., left out). */
async function pageData(page: Promise<unknown>): Promise<unknown> {
  const seen = new WeakSet<object>();
  return JSON.parse(JSON.stringify(await page, (key, value: unknown) => {
    if (key.startsWith("_")) return undefined;
    if (value && typeof value === "object") {
      if (seen.has(value)) return undefined;
      seen.add(value);
    }
    return value;
  }));
}

describeEachDatabase("the student's assessment pages", () => {
  let fx: ClassFixture;
  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    fx = await seedClass({ students: 3, timeFactors: { 1: 1.5 } });
  });
  afterAll(() => vi.useRealTimers());

  test.each([
    ["before the release", T0 - MINUTE, "upcoming", 1],
    ["while open", T0 + MINUTE, "open", 1],
    ["after the close", CLOSE + MINUTE, "closed", 1],
  ])("the course list %s: phase %s, %i attempt left", async (_label, now, phase, left) => {
    const [item] = await courseAssessmentsFor(fx.courseId, { id: fx.students[2]!.id, timeFactor: 1 }, now);
    expect({ phase: item!.phase, left: item!.attemptsLeft }).toEqual({ phase, left });
  });

  test("before starting, the 1.5x student sees 90 minutes, their deadline if they start now, and when feedback appears", async () => {
    const view = await beforeStart(fx.assessmentId, { id: fx.students[1]!.id, timeFactor: 1.5 }, T0 + 10 * MINUTE);
    expect(view!.rules.timeLimitMs.value).toBe(90 * MINUTE);
    expect(view!.deadlineIfStartedNow).toBe(T0 + 100 * MINUTE);
    expect(view!.feedback.map((p) => [p.part, p.from])).toEqual([
      ["score", T0 + 10 * MINUTE], ["correctness", CLOSE + GRACE_MS + 1], ["expected", CLOSE + GRACE_MS + 1], ["misconceptions", CLOSE + GRACE_MS + 1], ["journey", CLOSE + GRACE_MS + 1],
    ]);
    vi.setSystemTime(T0 + 10 * MINUTE);
    actAs(userActor(fx.students[1]!));
    const text = JSON.stringify(await pageData(BeforeStartPage({ params: Promise.resolve({ courseId: fx.courseId, assessmentId: fx.assessmentId }) })));
    expect(text).toContain("90 minutes from when you start");
    expect(text).toContain("your time factor 1.5x is included");
  });

  test("another course's student: the pages are 404s", async () => {
    actAs(userActor(fx.outsider));
    await expect(BeforeStartPage({ params: Promise.resolve({ courseId: fx.courseId, assessmentId: fx.assessmentId }) })).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
  });

  test("the attempt page carries no expected value while taking it, nor after submitting before the close", async () => {
    const student = fx.students[0]!;
    actAs(userActor(student));
    const started = await startAttempt({ assessmentId: fx.assessmentId, userId: student.id, timeFactor: 1 }, T0 + MINUTE);
    if (!started.ok) throw new Error(started.reason);
    const answers = await correctAnswers(started.attemptId);
    await saveAttemptAnswers(started.attemptId, { z0q0: answers.z0q0! }, T0 + 2 * MINUTE);
    const params = Promise.resolve({ courseId: fx.courseId, attemptId: started.attemptId });
    const secrets = await attemptSecrets(started.attemptId);

    vi.setSystemTime(T0 + 3 * MINUTE);
    const during = await pageData(AttemptPage({ params }));
    expect(JSON.stringify(during)).toContain("z1q0");
    expect(scanForLeaks(during, secrets)).toEqual([]);

    await submitAttempt(started.attemptId, T0 + 4 * MINUTE);
    vi.setSystemTime(T0 + 5 * MINUTE);
    const submitted = await pageData(AttemptPage({ params }));
    expect(JSON.stringify(submitted)).toContain("\"parts\":[\"score\"]");
    expect(scanForLeaks(submitted, secrets)).toEqual([]);

    vi.setSystemTime(CLOSE + GRACE_MS + 1);
    const afterClose = await pageData(AttemptPage({ params }));
    expect(scanForLeaks(afterClose, secrets).length).toBeGreaterThan(0);
  });
});
