import { expect, test, vi } from "vitest";
vi.mock("server-only", () => ({}));
import { applyStaffAction } from "@/lib/server/assessments/staff-actions";
import { closeOverdueAttempts, saveAttemptAnswers, startAttempt, submitAttempt } from "@/lib/server/assessments/attempts";
import { gradeAssessmentAttempt } from "@/lib/server/assessments/grading";
import { publishAssessment } from "@/lib/server/assessments/publish";
import { studentAttempt } from "@/lib/server/assessments/student-view";
import { sweepAttempts } from "@/lib/server/assessments/sweeper";
import { getDb } from "@/lib/server/db";
import { describeEachDatabase } from "../support/test-database";
import { correctAnswers, examDefinition, MINUTE, seedClass, T0, takeAssessment, type ClassFixture } from "../support/class-fixture";

const GRACE = 10_000;

describeEachDatabase("assessment attempts (start, save, submit, deadline, grading)", () => {
  let fx: ClassFixture;
  test("setup: a class with five students, the fourth with a 1.5x time factor", async () => {
    fx = await seedClass({ students: 5, timeFactors: { 3: 1.5 } });
    const row = await getDb().assessment.findUniqueOrThrow({ where: { id: fx.assessmentId } });
    expect(row.status).toBe("published");
    expect(Object.keys(row.contentHashes as object).sort()).toEqual(["aws-private-subnet-nat", "ssh-via-bastion", "two-offices-same-subnet"]);
  });

  test.each([
    ["before the release", T0 - MINUTE, "not_released"],
    ["after the close", T0 + 181 * MINUTE, "closed"],
  ])("a start %s is refused: %s", async (_label, at, reason) => {
    const r = await startAttempt({ assessmentId: fx.assessmentId, userId: fx.students[0]!.id, timeFactor: 1 }, at);
    expect(r).toMatchObject({ ok: false, reason });
  });

  test("the deadline is fixed at start: start + 60 min, or x1.5 for the student with the factor, capped at the close", async () => {
    const a = await startAttempt({ assessmentId: fx.assessmentId, userId: fx.students[0]!.id, timeFactor: 1 }, T0);
    const b = await startAttempt({ assessmentId: fx.assessmentId, userId: fx.students[3]!.id, timeFactor: 1.5 }, T0);
    const late = await startAttempt({ assessmentId: fx.assessmentId, userId: fx.students[4]!.id, timeFactor: 1 }, T0 + 150 * MINUTE);
    expect([a.ok && a.deadline, b.ok && b.deadline, late.ok && late.deadline]).toEqual([T0 + 60 * MINUTE, T0 + 90 * MINUTE, T0 + 180 * MINUTE]);
  });

  test("a second start while one is in progress, or after the one attempt allowed, is refused", async () => {
    const again = await startAttempt({ assessmentId: fx.assessmentId, userId: fx.students[0]!.id, timeFactor: 1 }, T0 + MINUTE);
    expect(again).toMatchObject({ ok: false, reason: "attempt_in_progress" });
  });

  test("questions get secret seeds above the public range and their own option salt", async () => {
    const qs = await getDb().attemptQuestion.findMany({ where: { attempt: { userId: fx.students[0]!.id } } });
    expect(qs.map((q) => q.slot).sort()).toEqual(["z0q0", "z1q0"]);
    for (const q of qs) expect(q.seed).toBeGreaterThan(9_999);
    expect(new Set(qs.map((q) => q.optionSalt)).size).toBe(2);
  });

  test("the student's view has sheets without expected values, and the server's clock", async () => {
    const attempt = await getDb().assessmentAttempt.findFirstOrThrow({ where: { userId: fx.students[0]!.id } });
    const view = await studentAttempt(attempt.id, T0 + 2 * MINUTE);
    expect(view).toMatchObject({ status: "in_progress", deadline: T0 + 60 * MINUTE, serverNow: T0 + 2 * MINUTE });
    expect(view!.questions).toHaveLength(2);
    const text = JSON.stringify(view);
    expect(text).not.toContain("expected");
    expect(text).not.toContain("optionSalt");
    expect(text).not.toContain("variantFingerprint");
  });

  test("saves merge blank by blank; a save after the deadline + grace is refused and changes nothing", async () => {
    const attempt = await getDb().assessmentAttempt.findFirstOrThrow({ where: { userId: fx.students[0]!.id } });
    const correct = await correctAnswers(attempt.id);
    const [firstBlank, ...rest] = Object.entries(correct.z0q0!);
    expect(await saveAttemptAnswers(attempt.id, { z0q0: Object.fromEntries([firstBlank!]) }, T0 + 5 * MINUTE)).toMatchObject({ ok: true });
    expect(await saveAttemptAnswers(attempt.id, { z0q0: Object.fromEntries(rest), forged: { x: "1" } }, T0 + 6 * MINUTE)).toMatchObject({ ok: true });
    const inGrace = await saveAttemptAnswers(attempt.id, { z1q0: correct.z1q0! }, T0 + 60 * MINUTE + GRACE);
    expect(inGrace.ok).toBe(true);
    const tooLate = await saveAttemptAnswers(attempt.id, { z1q0: {} }, T0 + 60 * MINUTE + GRACE + 1);
    expect(tooLate).toMatchObject({ ok: false, reason: "deadline_passed" });
    const row = await getDb().assessmentAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
    expect(row.answers).toEqual({ z0q0: correct.z0q0, z1q0: correct.z1q0 });
  });

  test("the sweeper submits an overdue attempt at its deadline and grades it once, from what was saved", async () => {
    const attempt = await getDb().assessmentAttempt.findFirstOrThrow({ where: { userId: fx.students[0]!.id } });
    expect(await closeOverdueAttempts(T0 + 60 * MINUTE + GRACE + 5)).toBeGreaterThanOrEqual(1);
    expect(await closeOverdueAttempts(T0 + 60 * MINUTE + GRACE + 6)).toBe(0);
    const row = await getDb().assessmentAttempt.findUniqueOrThrow({ where: { id: attempt.id }, include: { ledger: true } });
    expect(row).toMatchObject({ status: "submitted", submittedBy: "deadline", submittedAt: new Date(T0 + 60 * MINUTE), score: 20, maxScore: 20, late: false });
    expect(row.ledger.map((l) => l.kind)).toEqual(["graded"]);
    expect(await gradeAssessmentAttempt(attempt.id, T0 + 70 * MINUTE)).toEqual({ graded: false, reason: "already_graded" });
  });

  test("a submit after the sweeper closed the attempt is refused (a replayed or late submit changes nothing)", async () => {
    const attempt = await getDb().assessmentAttempt.findFirstOrThrow({ where: { userId: fx.students[0]!.id } });
    expect(await submitAttempt(attempt.id, T0 + 61 * MINUTE)).toMatchObject({ ok: false, reason: "deadline_passed" });
  });

  test("the student with a 1.5x factor submits at 80 minutes, graded on time; a replayed submit is refused", async () => {
    const attempt = await getDb().assessmentAttempt.findFirstOrThrow({ where: { userId: fx.students[3]!.id } });
    const correct = await correctAnswers(attempt.id);
    expect(await submitAttempt(attempt.id, T0 + 80 * MINUTE, { z0q0: correct.z0q0! })).toMatchObject({ ok: true });
    expect(await submitAttempt(attempt.id, T0 + 81 * MINUTE)).toMatchObject({ ok: false, reason: "already_submitted" });
    const row = await getDb().assessmentAttempt.findUniqueOrThrow({ where: { id: attempt.id }, include: { ledger: true } });
    expect(row).toMatchObject({ submittedBy: "student", score: 10, maxScore: 20 });
    expect(row.ledger).toHaveLength(1);
  });

  test("two submits racing each other grade the attempt once", async () => {
    const student = fx.students[1]!;
    const started = await startAttempt({ assessmentId: fx.assessmentId, userId: student.id, timeFactor: 1 }, T0 + 10 * MINUTE);
    if (!started.ok) throw new Error(started.reason);
    const results = await Promise.all([submitAttempt(started.attemptId, T0 + 20 * MINUTE), submitAttempt(started.attemptId, T0 + 20 * MINUTE), sweepAttempts(T0 + 20 * MINUTE)]);
    expect(results.slice(0, 2).filter((r) => "ok" in r && r.ok)).toHaveLength(1);
    expect(await getDb().scoreLedgerEntry.count({ where: { attemptId: started.attemptId } })).toBe(1);
  });

  test("staff: time added to an in-progress attempt moves its deadline and is audited; reopening a submitted one clears its grade", async () => {
    const student = fx.students[2]!;
    const started = await startAttempt({ assessmentId: fx.assessmentId, userId: student.id, timeFactor: 1 }, T0 + 30 * MINUTE);
    if (!started.ok) throw new Error(started.reason);
    const added = await applyStaffAction(started.attemptId, { type: "time-added", minutes: 15 }, fx.instructor.id, "fire alarm", T0 + 40 * MINUTE);
    expect(added.ok && added.state.deadline).toBe(T0 + 105 * MINUTE);
    expect(await submitAttempt(started.attemptId, T0 + 100 * MINUTE)).toMatchObject({ ok: true });
    const reopen = await applyStaffAction(started.attemptId, { type: "reopened", deadline: T0 + 120 * MINUTE }, fx.instructor.id, "browser crashed", T0 + 101 * MINUTE);
    expect(reopen.ok).toBe(true);
    const row = await getDb().assessmentAttempt.findUniqueOrThrow({ where: { id: started.attemptId } });
    expect(row).toMatchObject({ status: "in_progress", gradedAt: null, deadline: new Date(T0 + 120 * MINUTE) });
    const audit = await getDb().auditEntry.findMany({ where: { attemptId: started.attemptId }, orderBy: { at: "asc" } });
    expect(audit.map((a) => [a.action, a.reason, a.actorId])).toEqual([["time-added", "fire alarm", fx.instructor.id], ["reopened", "browser crashed", fx.instructor.id]]);
    const addToSubmitted = await applyStaffAction(started.attemptId, { type: "reopened", deadline: null }, fx.instructor.id, "again", T0 + 102 * MINUTE);
    expect(addToSubmitted).toMatchObject({ ok: false, reason: "not_submitted" });
    expect(await submitAttempt(started.attemptId, T0 + 110 * MINUTE)).toMatchObject({ ok: true });
    expect((await getDb().scoreLedgerEntry.findMany({ where: { attemptId: started.attemptId } })).map((l) => l.kind)).toEqual(["graded", "graded"]);
  });
});

describeEachDatabase("publication freezes content", () => {
  test("publishing twice is refused; an unknown scenario cannot be published", async () => {
    const fx = await seedClass({ students: 1 });
    expect(await publishAssessment(fx.assessmentId, fx.instructor.id, new Date(T0))).toMatchObject({ ok: false, reason: "already_published" });
    const bad = await getDb().assessment.create({
      data: { courseId: fx.courseId, slug: "bad", title: "Bad", kind: "exam", secret: "s".repeat(32), definition: { ...examDefinition(), id: "bad", zones: [{ title: "x", choose: 1, alternatives: [{ scenario: "no-such-scenario", difficulty: "beginner", points: 1 }] }] } },
    });
    expect(await publishAssessment(bad.id, fx.instructor.id, new Date(T0))).toMatchObject({ ok: false, reason: "unknown_scenario" });
  });

  test("homework with late credit: a late submit keeps the late share", async () => {
    const definition = examDefinition({ id: "hw", kind: "homework", access: { release: new Date(T0).toISOString(), close: new Date(T0 + 60 * MINUTE).toISOString(), attempts: 2, late: { until: new Date(T0 + 120 * MINUTE).toISOString(), creditPercent: 50 } } });
    const fx = await seedClass({ students: 1, definition });
    const id = await takeAssessment(fx, fx.students[0]!, { start: T0 + 50 * MINUTE, submit: T0 + 90 * MINUTE });
    const row = await getDb().assessmentAttempt.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ late: true, score: 10, maxScore: 20 });
  });
});
