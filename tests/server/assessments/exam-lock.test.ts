/**
 * The exam lock: while a student has an exam attempt in progress (deadline + grace not passed),
 * every study tool that could answer the exam refuses their account with 423 `exam_in_progress`,
 * naming the exam and when it ends, and each refusal is recorded on the exam attempt as a
 * `lock-refused` event. Homework, a submitted exam, an exam past its deadline + grace, or someone
 * else's exam lock nothing. Mock interviews are closed too: their console and report show a trace.
 */
import { beforeAll, describe, expect, test, vi } from "vitest";
import { POST as simulate } from "@/app/api/v1/simulate/route";
import { POST as grade } from "@/app/api/v1/grade/route";
import { GET as getSheet } from "@/app/api/v1/scenarios/[id]/sheet/route";
import { GET as getScenarioDetail } from "@/app/api/v1/scenarios/[id]/route";
import { POST as startPractice } from "@/app/api/v1/attempts/route";
import { GET as getPractice } from "@/app/api/v1/attempts/[id]/route";
import { PUT as savePractice } from "@/app/api/v1/attempts/[id]/answers/route";
import { POST as submitPractice } from "@/app/api/v1/attempts/[id]/submit/route";
import { GET as getTrace } from "@/app/api/v1/attempts/[id]/trace/route";
import { GET as nextDrill } from "@/app/api/v1/drills/next/route";
import { POST as gradeDrill } from "@/app/api/v1/drills/grade/route";
import { GET as explainDrill } from "@/app/api/v1/drills/explain/route";
import { POST as startInterview } from "@/app/api/v1/interviews/route";
import { POST as interviewCommand } from "@/app/api/v1/interviews/[id]/commands/route";
import { GRACE_MS } from "@/lib/assessment/deadline";
import { replayAttempt } from "@/lib/assessment/attempt";
import { eventOf } from "@/lib/server/assessments/event-log";
import { examLockForPage, findExamLock } from "@/lib/server/assessments/exam-lock";
import { getDb } from "@/lib/server/db";
import { call, json } from "../support/api-client";
import { actAs } from "../support/mock-owner";
import { seedAttempt, seedCourseWithAssessment } from "../support/exam-fixture";
import { describeEachDatabase } from "../support/test-database";

vi.mock("@/lib/server/request-owner", () => import("../support/mock-owner"));

const GOOGLE = "browser-to-google";
const any = { params: { id: "c00000000000000000000000x" } };

/** Every route the lock closes, with what the refusal records. */
const LOCKED_ROUTES = [
  { label: "POST /simulate", what: "simulator", run: () => call(simulate, "POST", "/api/v1/simulate", { body: { scenarioId: GOOGLE, seed: 1 } }) },
  { label: "POST /grade", what: "grade", run: () => call(grade, "POST", "/api/v1/grade", { body: { scenarioId: GOOGLE, seed: 1, difficulty: "beginner", answers: {} } }) },
  { label: "GET /scenarios/:id/sheet", what: "scenario sheet", run: () => call(getSheet, "GET", "/", { params: { id: GOOGLE }, query: { seed: "1" } }) },
  { label: "GET /scenarios/:id", what: "scenario study", run: () => call(getScenarioDetail, "GET", "/", { params: { id: GOOGLE } }) },
  { label: "POST /attempts (start practice)", what: "practice", run: () => call(startPractice, "POST", "/api/v1/attempts", { body: { scenarioId: GOOGLE, difficulty: "beginner" } }) },
  { label: "GET /attempts/:id", what: "practice", run: () => call(getPractice, "GET", "/", any) },
  { label: "PUT /attempts/:id/answers", what: "practice", run: () => call(savePractice, "PUT", "/", { ...any, body: { answers: {} } }) },
  { label: "POST /attempts/:id/submit", what: "practice", run: () => call(submitPractice, "POST", "/", any) },
  { label: "GET /attempts/:id/trace", what: "trace", run: () => call(getTrace, "GET", "/", any) },
  { label: "GET /drills/next", what: "drills", run: () => call(nextDrill, "GET", "/api/v1/drills/next") },
  { label: "POST /drills/grade", what: "drills", run: () => call(gradeDrill, "POST", "/api/v1/drills/grade", { body: { seed: 1, kind: "netmask", answers: {} } }) },
  { label: "GET /drills/explain", what: "drills", run: () => call(explainDrill, "GET", "/api/v1/drills/explain", { query: { address: "10.0.0.1/24" } }) },
  { label: "POST /interviews (start a mock interview)", what: "interviews", run: () => call(startInterview, "POST", "/api/v1/interviews", { body: { scenarioId: GOOGLE, mode: "solo" } }) },
  { label: "POST /interviews/:id/commands", what: "interviews", run: () => call(interviewCommand, "POST", "/", { ...any, body: { type: "pause" } }) },
] as const;

async function eventsOf(attemptId: string) {
  const rows = await getDb().attemptEvent.findMany({ where: { attemptId }, orderBy: { seq: "asc" } });
  return rows.map(eventOf);
}

describeEachDatabase("the exam lock", () => {
  let exam: Awaited<ReturnType<typeof seedCourseWithAssessment>>;
  let homework: Awaited<ReturnType<typeof seedCourseWithAssessment>>;
  beforeAll(async () => {
    exam = await seedCourseWithAssessment("exam");
    homework = await seedCourseWithAssessment("homework");
  });

  describe("during an exam attempt, every study tool refuses the account and the attempt records it", () => {
    let student: Awaited<ReturnType<typeof seedAttempt>>;
    beforeAll(async () => {
      student = await seedAttempt(exam.assessment.id, exam.course.id, { deadlineInMs: 20 * 60_000 });
    });

    test.each(LOCKED_ROUTES)("$label is refused with 423 exam_in_progress", async ({ run, what }) => {
      actAs({ userId: student.userId });
      const before = (await eventsOf(student.attempt.id)).length;
      const response = await run();
      expect(response.status).toBe(423);
      const body = await json(response);
      expect(body.error.code).toBe("exam_in_progress");
      expect(body.error.message).toContain("Midterm exam");
      expect(body.error.exam).toEqual({ title: "Midterm exam", endsAt: student.attempt.deadline!.toISOString(), href: `/courses/${exam.course.id}/attempts/${student.attempt.id}` });
      const events = await eventsOf(student.attempt.id);
      expect(events.length).toBe(before + 1);
      expect(events.at(-1)).toMatchObject({ type: "lock-refused", what });
    });

    test("the refusals replay into the attempt's state, for the instructor", async () => {
      const state = replayAttempt(await eventsOf(student.attempt.id), Date.now());
      expect(state?.lockRefusals.map((r) => r.what)).toEqual(LOCKED_ROUTES.map((r) => r.what));
      expect(state?.status).toBe("in-progress");
    });

    test("pages ask the same lock (practice, study, drills pages render the notice)", async () => {
      actAs({ userId: student.userId });
      const lock = await examLockForPage("drills");
      expect(lock).toMatchObject({ attemptId: student.attempt.id, title: "Midterm exam", courseId: exam.course.id });
      expect((await eventsOf(student.attempt.id)).at(-1)).toMatchObject({ type: "lock-refused", what: "drills" });
    });
  });

  const FREE_CASES = [
    { label: "homework in progress", setup: async () => (await seedAttempt(homework.assessment.id, homework.course.id)).userId },
    { label: "an exam already submitted", setup: async () => (await seedAttempt(exam.assessment.id, exam.course.id, { status: "submitted" })).userId },
    { label: "an exam whose deadline + grace passed (not yet closed by the server)", setup: async () => (await seedAttempt(exam.assessment.id, exam.course.id, { deadlineInMs: -GRACE_MS - 1_000 })).userId },
    { label: "a classmate's exam in progress", setup: async () => { await seedAttempt(exam.assessment.id, exam.course.id); return (await seedAttempt(homework.assessment.id, homework.course.id, { status: "submitted" })).userId; } },
    { label: "a guest", setup: async () => null },
  ];

  test.each(FREE_CASES)("nothing is locked for $label", async ({ setup }) => {
    const userId = await setup();
    actAs(userId === null ? { guestId: "g_free_guest_of_the_lock_test" } : { userId });
    const response = await call(nextDrill, "GET", "/api/v1/drills/next");
    expect(response.status).toBe(200);
    if (userId !== null) expect(await findExamLock(userId, Date.now())).toBeNull();
  });

  test("within the grace the exam still locks; an exam without a deadline locks until submitted", async () => {
    const inGrace = await seedAttempt(exam.assessment.id, exam.course.id, { deadlineInMs: -GRACE_MS + 3_000 });
    expect(await findExamLock(inGrace.userId, Date.now())).not.toBeNull();
    const untimed = await seedAttempt(exam.assessment.id, exam.course.id, { deadlineInMs: null });
    actAs({ userId: untimed.userId });
    const body = await json(await call(simulate, "POST", "/api/v1/simulate", { body: { scenarioId: GOOGLE, seed: 1 } }));
    expect(body.error).toMatchObject({ code: "exam_in_progress", exam: { endsAt: null } });
    expect(body.error.message).toContain("until you submit it");
  });
});
