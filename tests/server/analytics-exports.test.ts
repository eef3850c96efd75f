/**
 * The CSV exports on a seeded class, on SQLite and PostgreSQL: the columns docs/exports.md names,
 * one row per student / attempt / graded blank / question / ledger entry, the same file whatever
 * the page size (the stream reads page by page), and cells a spreadsheet would run made inert.
 */
import { describe, expect, test } from "vitest";
import { ATTEMPT_COLUMNS, attemptsCsv, FIELD_COLUMNS, fieldsCsv, GRADEBOOK_IDENTITY, gradebookCsv, ITEM_COLUMNS, itemsCsv, LEDGER_COLUMNS, ledgerCsv } from "@/lib/server/analytics/csv-exports";
import { csvText, safeCell } from "@/lib/server/analytics/csv-stream";
import { misconceptionRulesOf } from "@/lib/server/analytics/misconception-rows";
import { misconceptionsView, statisticsView } from "@/lib/server/analytics/views";
import { type AnalyticsClass, OUTCOME, POINTS, seedAnalyticsClass } from "./support/analytics-class";
import { describeEachDatabase } from "./support/test-database";

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return (await new Response(stream).text()).replace(/^\uFEFF/, "");
}

/** Lines split into cells (the seeded data has no quoted commas). */
async function table(stream: ReadableStream<Uint8Array>): Promise<string[][]> {
  return (await text(stream)).split("\r\n").filter((l) => l !== "").map((l) => l.split(","));
}

describe("CSV cells", () => {
  test.each([
    ["a formula is made inert", "=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"],
    ["a plus sign too", "+1+2", "'+1+2"],
    ["a negative number stays a number", -2.5, "-2.5"],
    ["float dust is rounded", 0.1 + 0.2, "0.3"],
    ["a date is ISO 8601 UTC", new Date("2027-01-05T10:00:00Z"), "2027-01-05T10:00:00.000Z"],
    ["null is empty", null, ""],
  ])("%s", (_label, value, cell) => {
    expect(safeCell(value)).toBe(cell);
  });

  test("commas, quotes and newlines are quoted", () => {
    expect(csvText([["a,b", "say \"hi\"", "two\nlines"]])).toBe("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
  });

  test.each([
    { label: "a lone CR is quoted", row: ["a\rb"], text: "\"a\rb\"\r\n" },
    { label: "a lone LF is quoted", row: ["a\nb"], text: "\"a\nb\"\r\n" },
    { label: "empty, null and numbers", row: ["", null, 0.1 + 0.2, -3], text: ",,0.3,-3\r\n" },
  ])("$label", ({ row, text }) => {
    expect(csvText([row])).toBe(text);
  });
});

describeEachDatabase("CSV exports", (current) => {
  let cls: AnalyticsClass;
  test("seed", async () => {
    cls = await seedAnalyticsClass();
    await seedAnalyticsClass(); // another course, which no export of the first may show
  });

  test("gradebook: Canvas and Moodle identity columns, one column per assessment, one row per student", async () => {
    const rows = await table(await gradebookCsv(cls.courseId));
    expect(rows[0]).toEqual([...GRADEBOOK_IDENTITY, "NAT homework (nat-homework)"]);
    expect(rows).toHaveLength(1 + cls.students.length);
    const byEmail = new Map(rows.slice(1).map((r) => [r[3], r]));
    const right = byEmail.get(cls.students.find((s) => s.profile === "all-right")!.email)!;
    expect(right[5]).toBe(right[3]);
    expect(right[6]).toBe("100");
    expect(byEmail.get(cls.students.find((s) => s.profile === "nothing")!.email)![6]).toBe("0");
  });

  test.each([1, 2, 4])("the same gradebook, attempts and ledger in pages of %i", async (size) => {
    expect(await text(await gradebookCsv(cls.courseId, size))).toBe(await text(await gradebookCsv(cls.courseId)));
    expect(await text(await attemptsCsv(cls.courseId, size))).toBe(await text(await attemptsCsv(cls.courseId)));
    expect(await text(await ledgerCsv(cls.courseId, size))).toBe(await text(await ledgerCsv(cls.courseId)));
    expect(await text(await fieldsCsv(cls.courseId, size))).toBe(await text(await fieldsCsv(cls.courseId)));
  });

  test("fields: the same file from expected values kept with the grading as from answer keys rebuilt (rows graded before they were kept)", async () => {
    const kept = await text(await fieldsCsv(cls.courseId));
    const questions = await current().db.attemptQuestion.findMany({ where: { attempt: { assessmentId: cls.assessmentId } } });
    const withExpected = questions.filter((q) => (q.result as { fields: { expected?: string }[] } | null)?.fields.every((f) => f.expected !== undefined));
    expect(withExpected.length).toBe(questions.length);
    for (const q of questions) {
      const result = q.result as { fields: { expected?: string }[] };
      await current().db.attemptQuestion.update({ where: { attemptId_slot: { attemptId: q.attemptId, slot: q.slot } }, data: { result: { ...result, fields: result.fields.map(({ expected: _kept, ...f }) => f) } as never } });
    }
    expect(await text(await fieldsCsv(cls.courseId))).toBe(kept);
  });

  test("attempts: one row per attempt of this course", async () => {
    const rows = await table(await attemptsCsv(cls.courseId));
    expect(rows[0]).toEqual([...ATTEMPT_COLUMNS]);
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(cls.students.map((s) => s.attemptId).sort());
    expect(rows.slice(1).every((r) => r[11] === String(POINTS))).toBe(true);
  });

  test("fields: one row per graded blank with the answer, the expected value and the credit", async () => {
    const rows = await table(await fieldsCsv(cls.courseId));
    expect(rows[0]).toEqual([...FIELD_COLUMNS]);
    const right = cls.students.find((s) => s.profile === "all-right")!;
    const mine = rows.slice(1).filter((r) => r[0] === right.email);
    expect(mine.length).toBeGreaterThan(10);
    // All right: every answer is the expected value (choices compare by value), with full credit.
    for (const r of mine) expect([r[9], r[10]]).toEqual(["correct", "1"]);
    const disposition = mine.find((r) => `${r[5]}/${r[6]}` === OUTCOME[0])!;
    expect(disposition[8]).toBe("DELIVERED");
    const blank = rows.slice(1).filter((r) => r[0] === cls.students.find((s) => s.profile === "nothing")!.email);
    expect(blank.every((r) => r[7] === "" && r[9] === "unanswered" && r[8] !== "")).toBe(true);
  });

  test("items: one row per question with its statistics", async () => {
    const rows = await table(await itemsCsv(cls.courseId));
    expect(rows[0]).toEqual([...ITEM_COLUMNS]);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.slice(0, 3)).toEqual(["nat-homework", "z0q0 aws-private-subnet-nat (intermediate)", String(cls.students.length)]);
    // Time: the one save came 300 s after the start.
    expect(rows[1]![8]).toBe("300");
  });

  test("views: statistics from each counted attempt, misconceptions with students, questions and example attempts", async () => {
    const view = (await statisticsView(cls.courseId, cls.assessmentId))!;
    expect(view.statistics.students).toBe(cls.students.length);
    expect(view.statistics.questions.map((q) => [q.questionId, q.attempts, q.averageSeconds])).toEqual([["z0q0 aws-private-subnet-nat (intermediate)", cls.students.length, 300]]);
    expect(await statisticsView(cls.fixture.otherCourseId, cls.assessmentId)).toBeNull();
    // Mark one wrong field of two students with a misconception the grader could have named.
    const marked = cls.students.filter((s) => s.profile === "early-slip" || s.profile === "garbage");
    for (const s of marked) {
      const q = await current().db.attemptQuestion.findFirstOrThrow({ where: { attemptId: s.attemptId } });
      const result = q.result as { fields: { status: string; misconception: string | null }[] };
      const wrong = result.fields.find((f) => f.status !== "correct")!;
      wrong.misconception = "nat-before-routing";
      await current().db.attemptQuestion.update({ where: { attemptId_slot: { attemptId: s.attemptId, slot: q.slot } }, data: { result: result as never } });
    }
    const { report, students } = await misconceptionsView(cls.courseId);
    expect(students).toBe(cls.students.length);
    expect(report.map((r) => [r.rule, r.students, r.questions.map((q) => [q.questionId, q.students])])).toEqual([
      ["nat-before-routing", 2, [["NAT homework · z0q0 aws-private-subnet-nat (intermediate)", 2]]],
    ]);
    expect(report[0]!.examples.map((e) => e.attemptId).sort()).toEqual(marked.map((s) => s.attemptId).sort());
  });

  test("misconception rows: the rules each stored result names, in field order; results of another form are skipped", async () => {
    const [named, none, legacy] = cls.students;
    const rewrite = async (attemptId: string, edit: (result: { fields: { misconception: string | null }[] }) => unknown) => {
      const q = await current().db.attemptQuestion.findFirstOrThrow({ where: { attemptId } });
      const result = q.result as { fields: { misconception: string | null }[] };
      await current().db.attemptQuestion.update({ where: { attemptId_slot: { attemptId, slot: q.slot } }, data: { result: edit(result) as never } });
    };
    await rewrite(named!.attemptId, (r) => ({ ...r, fields: r.fields.map((f, i) => ({ ...f, misconception: i === 0 || i === 3 ? "rule-x" : i === 2 ? "rule-y" : null })) }));
    await rewrite(none!.attemptId, (r) => ({ ...r, fields: r.fields.map((f) => ({ ...f, misconception: null })) }));
    // A full result as older rows kept it: its misconceptions are objects, and the view never read them.
    await rewrite(legacy!.attemptId, (r) => ({ fields: r.fields.map((f) => ({ ...f, misconception: { rule: "rule-z" } })) }));
    const rows = await misconceptionRulesOf([named!.attemptId, none!.attemptId, legacy!.attemptId]);
    expect(rows.map((r) => [r.attemptId, r.slot, r.rules])).toEqual([
      [named!.attemptId, "z0q0", ["rule-x", "rule-y", "rule-x"]],
      [none!.attemptId, "z0q0", []],
    ].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)));
    expect(await misconceptionRulesOf([])).toEqual([]);
  });

  test("ledger: the grading of every attempt", async () => {
    const rows = await table(await ledgerCsv(cls.courseId));
    expect(rows[0]).toEqual([...LEDGER_COLUMNS]);
    expect(rows).toHaveLength(1 + cls.students.length);
    expect(rows.slice(1).every((r) => r[5] === "graded" && r[11] === "system")).toBe(true);
  });
});
