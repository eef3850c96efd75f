import { describe, expect, test } from "vitest";
import {
  buildGradebook, cellKey, filterRows, gradebookCell, parseGradebookQuery, sortRows,
  type GradebookAssessment, type GradebookAttempt, type GradebookStudent,
} from "@/lib/assessment/gradebook";

const BEST: GradebookAssessment = { id: "hw1", title: "Homework 1", scoring: { counts: "best", creditPerTry: [100] } };
const LAST: GradebookAssessment = { id: "hw2", title: "Homework 2", scoring: { counts: "last", creditPerTry: [100] } };
const DECAY: GradebookAssessment = { id: "hw3", title: "Homework 3", scoring: { counts: "best", creditPerTry: [100, 50] } };

let n = 0;
const attempt = (userId: string, assessmentId: string, number: number, percent: number | null, change: Partial<GradebookAttempt> = {}): GradebookAttempt => ({
  id: `t${++n}`, userId, assessmentId, number, status: percent === null ? "in_progress" : "submitted", percent, late: false, adjusted: false, ...change,
});

describe("gradebookCell: the counting score and its marks", () => {
  test.each([
    ["no attempt: empty, nothing counted", BEST, [], null, null],
    ["best of 50, 90, 70", BEST, [attempt("u", "hw1", 1, 50), attempt("u", "hw1", 2, 90), attempt("u", "hw1", 3, 70)], 90, 2],
    ["last of 50, 90, 70", LAST, [attempt("u", "hw2", 1, 50), attempt("u", "hw2", 2, 90), attempt("u", "hw2", 3, 70)], 70, 3],
    ["credit per try: 80 then 100 at half credit, the first counts", DECAY, [attempt("u", "hw3", 1, 80), attempt("u", "hw3", 2, 100)], 80, 1],
    ["an in-progress attempt does not count", LAST, [attempt("u", "hw2", 1, 60), attempt("u", "hw2", 2, null)], 60, 1],
    ["submitted but not graded yet does not count", BEST, [attempt("u", "hw1", 1, null, { status: "submitted" })], null, null],
  ] as const)("%s", (_label, assessment, attempts, percent, countedNumber) => {
    const cell = gradebookCell(assessment, attempts, false);
    expect(cell.percent).toBe(percent);
    expect(cell.countedAttemptId).toBe(countedNumber === null ? null : attempts.find((a) => a.number === countedNumber)!.id);
    expect(cell.attempts).toBe(attempts.length);
  });

  test.each([
    ["late only when the counted attempt was late", [attempt("u", "hw1", 1, 40, { late: true }), attempt("u", "hw1", 2, 90)], false, { late: false, overridden: false, adjusted: false, inProgress: false }],
    ["the counted attempt late", [attempt("u", "hw1", 1, 90, { late: true }), attempt("u", "hw1", 2, 40)], false, { late: true, overridden: false, adjusted: false, inProgress: false }],
    ["adjusted: the counted attempt has a manual change", [attempt("u", "hw1", 1, 90, { adjusted: true })], false, { late: false, overridden: false, adjusted: true, inProgress: false }],
    ["overridden and in progress", [attempt("u", "hw1", 1, 50), attempt("u", "hw1", 2, null)], true, { late: false, overridden: true, adjusted: false, inProgress: true }],
  ] as const)("marks: %s", (_label, attempts, overridden, marks) => {
    expect(gradebookCell(BEST, attempts, overridden).marks).toEqual(marks);
  });
});

const STUDENTS: GradebookStudent[] = [
  { id: "s-cho", name: "Cho", email: "cho@example.edu" },
  { id: "s-ana", name: "Ana", email: "ana@example.edu" },
  { id: "s-bo", name: null, email: "bo@example.edu" },
];
const ATTEMPTS = [
  attempt("s-ana", "hw1", 1, 80), attempt("s-ana", "hw2", 1, 60, { late: true }),
  attempt("s-cho", "hw1", 1, 100, { adjusted: true }), attempt("s-cho", "hw2", 1, null),
  attempt("s-bo", "hw1", 1, 40),
];
const ROWS = buildGradebook(STUDENTS, [BEST, LAST], ATTEMPTS, new Set([cellKey("hw2", "s-bo")]));
const names = (rows: readonly { student: GradebookStudent }[]) => rows.map((r) => r.student.name ?? r.student.email);

describe("buildGradebook: rows, cells and totals", () => {
  test("one cell per assessment; the total is the mean, an empty cell counting 0", () => {
    expect(ROWS.map((r) => [names([r])[0], r.cells.map((c) => c.percent), r.total])).toEqual([
      ["Cho", [100, null], 50], ["Ana", [80, 60], 70], ["bo@example.edu", [40, null], 20],
    ]);
    expect(ROWS[2]!.cells[1]!.marks.overridden).toBe(true);
  });
});

describe("sortRows", () => {
  const ids = [BEST.id, LAST.id];
  test.each([
    ["by name (email when no name)", "name", "asc", ["Ana", "bo@example.edu", "Cho"]],
    ["by name, descending", "name", "desc", ["Cho", "bo@example.edu", "Ana"]],
    ["by total", "total", "asc", ["bo@example.edu", "Cho", "Ana"]],
    ["by total, descending", "total", "desc", ["Ana", "Cho", "bo@example.edu"]],
    ["by one assessment", "hw1", "desc", ["Cho", "Ana", "bo@example.edu"]],
    ["empty cells go last in either direction (ascending)", "hw2", "asc", ["Ana", "bo@example.edu", "Cho"]],
    ["empty cells go last in either direction (descending)", "hw2", "desc", ["Ana", "bo@example.edu", "Cho"]],
    ["an unknown column sorts by name", "nope", "asc", ["Ana", "bo@example.edu", "Cho"]],
  ] as const)("%s", (_label, sort, dir, expected) => {
    expect(names(sortRows(ROWS, { sort, dir }, ids))).toEqual(expected);
  });
});

describe("filterRows", () => {
  test.each([
    ["everyone", "", "all", ["Cho", "Ana", "bo@example.edu"]],
    ["by part of a name, any case", "an", "all", ["Ana"]],
    ["by email", "BO@", "all", ["bo@example.edu"]],
    ["in progress", "", "in-progress", ["Cho"]],
    ["late", "", "late", ["Ana"]],
    ["adjusted", "", "adjusted", ["Cho"]],
    ["overridden", "", "overridden", ["bo@example.edu"]],
    ["missing a graded score", "", "missing", ["Cho", "bo@example.edu"]],
    ["name and status together", "cho", "late", []],
  ] as const)("%s", (_label, q, status, expected) => {
    expect(names(filterRows(ROWS, { q, status }))).toEqual(expected);
  });
});

describe("parseGradebookQuery: bad input falls back to defaults", () => {
  test.each([
    ["empty", {}, { q: "", status: "all", sort: "name", dir: "asc" }],
    ["all given", { q: " ana ", status: "late", sort: "hw1", dir: "desc" }, { q: "ana", status: "late", sort: "hw1", dir: "desc" }],
    ["unknown status and direction", { status: "weird", dir: "up" }, { q: "", status: "all", sort: "name", dir: "asc" }],
    ["a sort key with odd characters", { sort: "a';drop" }, { q: "", status: "all", sort: "name", dir: "asc" }],
    ["repeated parameters: the first", { q: ["x", "y"] }, { q: "x", status: "all", sort: "name", dir: "asc" }],
  ] as const)("%s", (_label, params, query) => {
    expect(parseGradebookQuery(params)).toEqual(query);
  });
});
