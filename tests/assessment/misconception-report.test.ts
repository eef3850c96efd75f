import { describe, expect, test } from "vitest";
import { misconceptionReport, weekStart, type MisconceptionSighting } from "@/lib/assessment/misconception-report";

const T = (iso: string) => Date.parse(iso);
const s = (studentId: string, attemptId: string, questionId: string, at: string, rules: string[], assessmentId = "a1"): MisconceptionSighting =>
  ({ studentId, attemptId, assessmentId, questionId, at: T(at), rules });

/**
 * Three students with graded questions. "nat-before-routing" is seen in s1 (twice, on two
 * questions and in two weeks) and s2; "ttl-not-decremented" in s2 only; s3 has none.
 */
const SIGHTINGS = [
  s("s1", "t1", "q-nat", "2027-01-05T10:00:00Z", ["nat-before-routing", "nat-before-routing"]),
  s("s1", "t2", "q-aws", "2027-01-13T10:00:00Z", ["nat-before-routing"], "a2"),
  s("s2", "t3", "q-nat", "2027-01-06T10:00:00Z", ["nat-before-routing", "ttl-not-decremented"]),
  s("s3", "t4", "q-nat", "2027-01-06T11:00:00Z", []),
];

describe("misconceptionReport", () => {
  const [nat, ttl] = misconceptionReport(SIGHTINGS);

  test("most students first, shares of the students with a graded question", () => {
    expect(misconceptionReport(SIGHTINGS).map((r) => [r.rule, r.students, r.share])).toEqual([
      ["nat-before-routing", 2, 2 / 3],
      ["ttl-not-decremented", 1, 1 / 3],
    ]);
  });

  test("by question: students, not sightings", () => {
    expect(nat!.questions).toEqual([
      { questionId: "q-nat", assessmentId: "a1", students: 2 },
      { questionId: "q-aws", assessmentId: "a2", students: 1 },
    ]);
    expect(ttl!.questions).toEqual([{ questionId: "q-nat", assessmentId: "a1", students: 1 }]);
  });

  test("over time: weeks starting Monday UTC, oldest first", () => {
    expect(nat!.weeks).toEqual([{ weekStart: T("2027-01-04T00:00:00Z"), students: 2 }, { weekStart: T("2027-01-11T00:00:00Z"), students: 1 }]);
  });

  test("examples: most recent first, one per student", () => {
    expect(nat!.examples).toEqual([{ attemptId: "t2", studentId: "s1", questionId: "q-aws" }, { attemptId: "t3", studentId: "s2", questionId: "q-nat" }]);
    expect(misconceptionReport(SIGHTINGS, 1)[0]!.examples).toHaveLength(1);
  });

  test("nothing recognised: an empty report", () => {
    expect(misconceptionReport([s("s3", "t4", "q", "2027-01-06T11:00:00Z", [])])).toEqual([]);
  });

  test.each([
    ["a Monday at midnight is its own week", "2027-01-04T00:00:00Z", "2027-01-04T00:00:00Z"],
    ["a Sunday late belongs to the Monday before", "2027-01-10T23:59:59Z", "2027-01-04T00:00:00Z"],
    ["a Thursday", "1970-01-01T12:00:00Z", "1969-12-29T00:00:00Z"],
  ])("weekStart: %s", (_label, at, start) => {
    expect(weekStart(T(at))).toBe(T(start));
  });
});
