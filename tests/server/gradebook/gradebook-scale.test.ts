/**
 * The gradebook of 500 students x 10 assessments (5,000 graded attempts, written straight into the
 * tables) on both databases: every row and cell is there, and the time the query and the table
 * take is printed (a figure for the report, not a timed assertion: this machine is shared).
 */
import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { ScoringSchema } from "@/lib/assessment/schema";
import { getDb } from "@/lib/server/db";
import { loadGradebook } from "@/lib/server/gradebook/gradebook";
import { describeEachDatabase } from "../support/test-database";

const STUDENTS = 500;
const ASSESSMENTS = 10;

describeEachDatabase("gradebook at 500 x 10", (current) => {
  test("every student and cell, sorted by total; the time is printed", async () => {
    const db = getDb();
    const tag = randomBytes(3).toString("hex");
    const course = await db.course.create({ data: { title: "Big", code: "BIG", joinCode: `big-${tag}`, createdById: "bench" } });
    const users = Array.from({ length: STUDENTS }, (_, i) => ({ id: `u${i}-${tag}`, email: `s${i}-${tag}@example.test`, name: `Student ${String(i).padStart(3, "0")}` }));
    await db.user.createMany({ data: users });
    await db.courseMember.createMany({ data: users.map((u) => ({ courseId: course.id, userId: u.id, role: "student" })) });
    const definition = { scoring: ScoringSchema.parse({}) };
    const assessments = Array.from({ length: ASSESSMENTS }, (_, a) => ({ id: `a${a}-${tag}`, courseId: course.id, slug: `a${a}`, title: `A${a}`, kind: "homework", definition, secret: "x".repeat(16), status: "published", publishedAt: new Date(1_000 + a) }));
    await db.assessment.createMany({ data: assessments });
    const attempts = assessments.flatMap((a, ai) => users.map((u, ui) => ({
      id: `t${ai}-${ui}-${tag}`, assessmentId: a.id, userId: u.id, number: 1, status: "submitted", startedAt: new Date(0), submittedAt: new Date(1),
      answers: {}, score: (ui * 7 + ai) % 21, maxScore: 20, gradedAt: new Date(1), late: ui % 50 === 0,
    })));
    for (let i = 0; i < attempts.length; i += 1000) await db.assessmentAttempt.createMany({ data: attempts.slice(i, i + 1000) });

    const started = performance.now();
    const view = await loadGradebook(course.id, { q: "", status: "all", sort: "total", dir: "desc" });
    const ms = performance.now() - started;
    console.log(`[gradebook ${current().provider}] ${STUDENTS} students x ${ASSESSMENTS} assessments: ${ms.toFixed(0)} ms (query + table)`);
    expect(view.rows).toHaveLength(STUDENTS);
    expect(view.rows.every((r) => r.cells.length === ASSESSMENTS && r.cells.every((c) => c.percent !== null))).toBe(true);
    const totals = view.rows.map((r) => r.total);
    expect(totals).toEqual([...totals].sort((x, y) => y - x));
    expect(view.rows.filter((r) => r.cells.some((c) => c.marks.late))).toHaveLength(STUDENTS / 50);
  });
});
