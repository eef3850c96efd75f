import { describe, expect, test } from "vitest";
import { checkAssessment } from "@/lib/assessment/check";
import { formatPath } from "@/lib/scenario/load";
import { CATALOGUE, exam, homework } from "./support";

type Row = [string, () => ReturnType<typeof homework>, "error" | "warning", string, RegExp];

const ROWS: Row[] = [
  ["an unknown scenario id", () => homework((d) => { d.zones[0].alternatives[1].scenario = "no-such-scenario"; }), "error", "zones[0].alternatives[1].scenario", /unknown scenario "no-such-scenario"/],
  ["the same alternative twice in a zone", () => homework((d) => { d.zones[1].alternatives[2] = { ...d.zones[1].alternatives[0] }; }), "error", "zones[1].alternatives[2]", /duplicate alternative: aws-private-subnet-nat at beginner is already alternatives\[0\]/],
  ["choose more than the zone offers", () => homework((d) => { d.zones[0].choose = 3; }), "error", "zones[0].choose", /choose is 3 but the zone has only 2/],
  ["an alternative worth zero points", () => homework((d) => { d.zones[1].alternatives[1].points = 0; }), "error", "zones[1].alternatives[1].points", /worth 0 points/],
  ["close before release", () => homework((d) => { d.access.close = "2027-02-01T00:00:00Z"; }), "error", "access.close", /not after release/],
  ["close equal to release", () => homework((d) => { d.access.close = d.access.release; }), "error", "access.close", /not after release/],
  ["a late date before close", () => homework((d) => { d.access.late = { until: "2027-03-07T00:00:00Z", creditPercent: 50 }; }), "error", "access.late.until", /not after close/],
  ["a late policy without a close date", () => homework((d) => { delete d.access.close; d.access.late = { until: "2027-03-07T00:00:00Z", creditPercent: 50 }; }), "error", "access.late", /needs a close date/],
  ["an untimed exam", () => exam((d) => { delete d.access.timeLimitMinutes; }), "error", "access.timeLimitMinutes", /an exam is timed/],
  ["an exam with two attempts", () => exam((d) => { d.access.attempts = 2; }), "error", "access.attempts", /one attempt/],
  ["alternatives of different worth when not all are drawn", () => homework((d) => { d.zones[0].alternatives[0].points = 12; }), "warning", "zones[0].alternatives", /different points \(12, 10\)/],
  ["a scenario in two zones", () => homework((d) => { d.zones[1].alternatives[0].scenario = "browser-to-google"; }), "warning", "zones[1].alternatives[0].scenario", /also in zones\[0\]/],
  ["credit per try that goes up", () => homework((d) => { d.scoring = { creditPerTry: [80, 100] }; }), "warning", "scoring.creditPerTry", /goes up/],
  ["feedback after close with no close date", () => homework((d) => { delete d.access.close; d.feedback = { score: "after-submit" }; }), "warning", "feedback.correctness", /never be shown/],
  ["expected values right after submit in an exam", () => exam((d) => { d.feedback = { expected: "after-submit" }; }), "warning", "feedback.expected", /can pass it to one still working/],
  ["a journey date before the late date", () => homework((d) => { d.access.late = { until: "2027-03-09T09:00:00Z", creditPercent: 50 }; d.feedback = { journey: { date: "2027-03-08T12:00:00Z" } }; }), "warning", "feedback.journey.date", /before students stop handing in \(2027-03-09T09:00:00Z\)/],
];

describe("checkAssessment", () => {
  test.each([["a homework", homework], ["an exam", exam]])("%s as built by the fixtures has no issue", (_l, make) => {
    expect(checkAssessment(make(), CATALOGUE)).toEqual([]);
  });

  test.each(ROWS)("%s", (_label, make, severity, path, message) => {
    const issues = checkAssessment(make(), CATALOGUE);
    const found = issues.filter((i) => formatPath(i.path) === path);
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe(severity);
    expect(found[0]!.message).toMatch(message);
  });

  test("the score right after submit is no leak (it reveals no answer)", () => {
    expect(checkAssessment(exam((d) => { d.feedback = { score: "after-submit" }; }), CATALOGUE)).toEqual([]);
  });

  test("all alternatives drawn: different points are no warning (every student gets the same maximum)", () => {
    expect(checkAssessment(homework((d) => { d.zones[1].choose = 3; d.zones[1].alternatives[0].points = 9; }), CATALOGUE)).toEqual([]);
  });

  test("the catalogue is an argument: the same file is fine against a catalogue that has the scenario", () => {
    const def = homework((d) => { d.zones[0].alternatives[1].scenario = "new-scenario"; });
    expect(checkAssessment(def, CATALOGUE).map((i) => i.severity)).toEqual(["error"]);
    expect(checkAssessment(def, [...CATALOGUE, "new-scenario"])).toEqual([]);
  });
});
