/**
 * The exam lock on mock interviews, on SQLite and PostgreSQL: while a student has an exam in
 * progress, whatever shows a trace's expected values is closed to their account: the report (API
 * and page) of an earlier session, its replay, the interviewer's console (page, view, stream) and
 * the follow-up previews. Each refusal is 423 exam_in_progress (or the lock notice on a page) and is
 * recorded on the exam attempt. The candidate's own view, which holds no expected value, stays open.
 */
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { GET as reportRoute } from "@/app/api/v1/interviews/[id]/report/route";
import { GET as viewRoute } from "@/app/api/v1/interviews/[id]/route";
import { GET as eventsRoute } from "@/app/api/v1/interviews/[id]/events/route";
import { GET as followUpsRoute } from "@/app/api/v1/interviews/[id]/follow-ups/route";
import { getDb } from "@/lib/server/db";
import { setLiveBusForTests } from "@/lib/server/live";
import { createMemoryBus } from "@/lib/server/live/bus";
import { loadInterviewPage, loadReplay, loadReportPage } from "@/lib/server/interviews/pages";
import type { Owner } from "@/lib/server/owner";
import { call, json } from "./support/api-client";
import { seedAttempt, seedCourseWithAssessment, seedUser } from "./support/exam-fixture";
import { actAs, command, liveSession, p, startSession } from "./support/interview-client";
import { describeEachDatabase } from "./support/test-database";

/* eslint-disable @typescript-eslint/no-explicit-any */
vi.mock("@/lib/server/request-owner", () => import("./support/mock-owner"));
vi.mock("@/lib/server/auth/actor", () => import("./support/mock-actor"));

setLiveBusForTests(createMemoryBus());
afterAll(() => setLiveBusForTests(undefined));

type Fixture = { student: Owner; solo: string; ran: string; attemptId: string; other: Owner };

/** Routes and pages, each with the session it is asked about and what a locked student gets. */
const CLOSED = [
  { label: "GET /interviews/:id/report (own solo session, ended)", session: "solo", run: (id: string) => call(reportRoute, "GET", "/", p(id)) },
  { label: "GET /interviews/:id/report (a live session they ran)", session: "ran", run: (id: string) => call(reportRoute, "GET", "/", p(id)) },
  { label: "GET /interviews/:id as the interviewer (the console)", session: "ran", run: (id: string) => call(viewRoute, "GET", "/", p(id)) },
  { label: "GET /interviews/:id/events as the interviewer", session: "ran", run: (id: string) => call(eventsRoute, "GET", "/", p(id)) },
  { label: "GET /interviews/:id/follow-ups as the interviewer", session: "ran", run: (id: string) => call(followUpsRoute, "GET", "/", p(id)) },
] as const;

const PAGES = [
  { label: "the report page of their solo session", session: "solo", load: loadReportPage },
  { label: "the replay page of their solo session", session: "solo", load: loadReplay },
  { label: "the report page of a session they ran", session: "ran", load: loadReportPage },
  { label: "the replay page of a session they ran", session: "ran", load: loadReplay },
  { label: "the console page of a session they ran", session: "ran", load: loadInterviewPage },
] as const;

async function lockRefusals(attemptId: string): Promise<number> {
  return getDb().attemptEvent.count({ where: { attemptId, type: "lock-refused" } });
}

describeEachDatabase("the exam lock on mock interviews", () => {
  const f = {} as Fixture;
  beforeAll(async () => {
    const exam = await seedCourseWithAssessment("exam");
    f.student = { userId: (await seedUser()).id };
    f.other = { userId: (await seedUser()).id };
    // Before the exam: a solo interview, ended (its report shows the true trace), and a live one the student ran.
    f.solo = (await startSession(f.student, "solo")).id;
    expect((await command(f.student, f.solo, { type: "ended" })).status).toBe(200);
    f.ran = (await liveSession(f.student)).id;
    f.attemptId = (await seedAttempt(exam.assessment.id, exam.course.id, { deadlineInMs: 20 * 60_000, userId: (f.student as { userId: string }).userId })).attempt.id;
  });

  test.each(CLOSED)("$label: 423 exam_in_progress, recorded on the exam attempt", async ({ session, run }) => {
    actAs(f.student);
    const before = await lockRefusals(f.attemptId);
    const response = await run(f[session]);
    expect(response.status).toBe(423);
    expect(((await json(response)) as any).error.code).toBe("exam_in_progress");
    expect(await lockRefusals(f.attemptId)).toBe(before + 1);
  });

  test.each(PAGES)("$label shows the lock instead", async ({ session, load }) => {
    actAs(f.student);
    const page = (await load(f[session])) as any;
    expect(page?.locked?.attemptId).toBe(f.attemptId);
    expect(JSON.stringify(page)).not.toMatch(/"expected"|"trace"/);
  });

  test("the solo learner's own room holds no expected value and stays open", async () => {
    actAs(f.student);
    const response = await call(viewRoute, "GET", "/", p(f.solo));
    expect(response.status).toBe(200);
    expect(((await json(response)) as any).role).toBe("candidate");
    const page = (await loadInterviewPage(f.solo)) as any;
    expect(page?.locked).toBeUndefined();
    expect(page?.projection.role).toBe("candidate");
  });

  test("someone without an exam reads their report and replay as before", async () => {
    const id = (await startSession(f.other, "solo")).id;
    expect((await command(f.other, id, { type: "ended" })).status).toBe(200);
    actAs(f.other);
    expect((await call(reportRoute, "GET", "/", p(id))).status).toBe(200);
    expect(((await loadReportPage(id)) as any)?.ready).toBe(true);
    expect(((await loadReplay(id)) as any)?.frames.length).toBeGreaterThan(0);
  });
});
