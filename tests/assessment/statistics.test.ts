import { describe, expect, test } from "vitest";
import type { FieldStatus } from "@/lib/grader/types";
import { assessmentStatistics, histogram, pearson, responseFromGrade, sampleSd, type QuestionResponse, type StudentResult } from "@/lib/assessment/statistics";

const q = (questionId: string, earned: number, possible: number, seconds: number | null = null, fields: [string, string, FieldStatus][] = []): QuestionResponse =>
  ({ questionId, earned, possible, seconds, fields: fields.map(([at, field, status]) => ({ at, field, status })) });

/**
 * Four students, two questions: q1 is right/wrong for 1 point, q2 is worth 2.
 *
 *   student  q1   q2    total  percent
 *   s1       1    2     3/3    100
 *   s2       1    1     2/3    66.67
 *   s3       0    2     2/3    66.67
 *   s4       0    0     0/3    0
 */
const SMALL: StudentResult[] = [
  { studentId: "s1", questions: [q("q1", 1, 1, 30, [["hop1", "ip.src", "correct"], ["hop1", "ip.dst", "correct"], ["hop2", "ip.src", "correct"]]), q("q2", 2, 2)] },
  { studentId: "s2", questions: [q("q1", 1, 1, 60, [["hop1", "ip.src", "correct"], ["hop1", "ip.dst", "accepted-alternative"], ["hop2", "ip.src", "wrong"]]), q("q2", 1, 2)] },
  { studentId: "s3", questions: [q("q1", 0, 1, null, [["hop1", "ip.src", "wrong"], ["hop1", "ip.dst", "correct"], ["hop2", "ip.src", "format-error"]]), q("q2", 2, 2)] },
  { studentId: "s4", questions: [q("q1", 0, 1, 90, [["hop1", "ip.src", "unanswered"], ["hop1", "ip.dst", "partial"], ["hop2", "ip.src", "wrong"]]), q("q2", 0, 2)] },
];

describe("known answers: four students, two questions", () => {
  const stats = assessmentStatistics(SMALL);
  const [q1, q2] = stats.questions;

  test("q1: attempts, mean, SD, facility", () => {
    // points 1,1,0,0: mean 0.5; squared deviations 4 x 0.25 = 1; SD = sqrt(1/3) = 0.57735
    expect(q1!.attempts).toBe(4);
    expect(q1!.meanPoints).toBe(0.5);
    expect(q1!.sdPoints).toBeCloseTo(0.57735, 5);
    expect(q1!.facility).toBe(50);
  });

  test("q1: point-biserial against the rest of the test (q2's share)", () => {
    // x = 1,1,0,0 (mean .5); y = 1,.5,1,0 (mean .625)
    // sxy = .5(.375) + .5(-.125) - .5(.375) - .5(-.625) = .25; sxx = 1; syy = .6875
    // r = .25 / sqrt(.6875) = 0.301511
    expect(q1!.pointBiserial).toBeCloseTo(0.301511, 6);
  });

  test("q1: upper-lower index with 4 students (groups of round(4 x 0.27) = 1)", () => {
    // Top by total: s1 (q1 right); bottom: s4 (q1 wrong): D = 1 - 0 = 1
    expect(q1!.upperLowerIndex).toBe(1);
  });

  test("q1: per-field difficulty, most missed first", () => {
    // hop2 ip.src: correct, wrong, format-error, wrong: 3 of 4 missed
    // hop1 ip.src: correct, correct, wrong, unanswered: 2 of 4 missed
    // hop1 ip.dst: correct, accepted-alternative, correct, partial: 1 of 4 missed (an accepted alternative counts as right)
    expect(q1!.fields).toEqual([
      { at: "hop2", field: "ip.src", attempts: 4, missed: 3, missedShare: 0.75 },
      { at: "hop1", field: "ip.src", attempts: 4, missed: 2, missedShare: 0.5 },
      { at: "hop1", field: "ip.dst", attempts: 4, missed: 1, missedShare: 0.25 },
    ]);
    // Per hop: hop2 3 of 4; hop1 (2 + 1) of 8
    expect(q1!.hops).toEqual([
      { at: "hop2", answers: 4, missed: 3, missedShare: 0.75 },
      { at: "hop1", answers: 8, missed: 3, missedShare: 0.375 },
    ]);
  });

  test("q1: average time over the students whose time is known", () => {
    // (30 + 60 + 90) / 3 = 60; s3's time is unknown
    expect(q1!.averageSeconds).toBe(60);
  });

  test("q2: points 2,1,2,0", () => {
    // mean 1.25; squared deviations .5625 + .0625 + .5625 + 1.5625 = 2.75; SD = sqrt(2.75/3) = 0.957427
    // facility: shares 1, .5, 1, 0: mean .625 = 62.5 %
    // point-biserial: the same two columns swapped, so the same r = 0.301511
    expect([q2!.attempts, q2!.meanPoints, q2!.facility]).toEqual([4, 1.25, 62.5]);
    expect(q2!.sdPoints).toBeCloseTo(0.957427, 6);
    expect(q2!.pointBiserial).toBeCloseTo(0.301511, 6);
    expect(q2!.upperLowerIndex).toBe(1);
    expect(q2!.fields).toEqual([]);
    expect(q2!.averageSeconds).toBeNull();
  });

  test("the assessment: mean, SD and histogram of total percents", () => {
    // percents 100, 200/3, 200/3, 0: mean 175/3 = 58.333
    // squared deviations (15625 + 625 + 625 + 30625) / 9 = 47500/9; / 3 = 1759.26; SD = 41.9435
    expect(stats.students).toBe(4);
    expect(stats.meanPercent).toBeCloseTo(58.3333, 4);
    expect(stats.sdPercent).toBeCloseTo(41.9435, 4);
    // 0 -> [0,10); 66.67 twice -> [60,70); 100 -> the last bin, which includes 100
    expect(stats.histogram.map((b) => b.count)).toEqual([1, 0, 0, 0, 0, 0, 2, 0, 0, 1]);
    expect(stats.histogram[9]).toEqual({ from: 90, to: 100, count: 1 });
  });
});

/**
 * Ten students t0..t9 ranked by an anchor question worth 10 (t_i earns 9 - i), and a right/wrong
 * item. With 10 students the upper and lower groups have round(10 x 0.27) = 3 students.
 */
function tenStudents(itemRight: (i: number) => boolean): StudentResult[] {
  return Array.from({ length: 10 }, (_, i) => ({
    studentId: `t${i}`,
    questions: [q("anchor", 9 - i, 10), q("item", itemRight(i) ? 1 : 0, 1)],
  }));
}
const GOOD = new Set([0, 1, 2, 4, 8]);

describe("known answers: discrimination with ten students", () => {
  test("an item the stronger students get right", () => {
    // item x = 1,1,1,0,1,0,0,0,1,0 (mean .5); rest y = anchor share .9,.8,...,0 (mean .45)
    // sxy = .5(.45+.35+.25+.05-.35) - .5(.15-.05-.15-.25-.45) = .375 + .375 = .75
    // sxx = 10 x .25 = 2.5; syy = 2(.2025+.1225+.0625+.0225+.0025) = .825
    // r = .75 / sqrt(2.5 x .825) = 0.522233
    // Totals (of 11): t0 10, t1 9, t2 8, t3 6, t4 6, t5 4, t6 3, t7 2, t8 2, t9 0
    // top 3 = t0,t1,t2: item 1,1,1; bottom 3 = t7,t8,t9: item 0,1,0; D = 1 - 1/3 = 0.6667
    const item = assessmentStatistics(tenStudents((i) => GOOD.has(i))).questions[1]!;
    expect(item.pointBiserial).toBeCloseTo(0.522233, 6);
    expect(item.upperLowerIndex).toBeCloseTo(2 / 3, 10);
  });

  test("the reversed item discriminates the wrong way", () => {
    // x' = 1 - x, so r' = -r = -0.522233
    // Totals: t0 9, t1 8, t2 7, t3 7, t4 5, t5 5, t6 4, t7 3, t8 1, t9 1
    // top 3 = t0,t1,t2: 0,0,0; bottom 3 = t7,t8,t9: 1,0,1; D = 0 - 2/3
    const item = assessmentStatistics(tenStudents((i) => !GOOD.has(i))).questions[1]!;
    expect(item.pointBiserial).toBeCloseTo(-0.522233, 6);
    expect(item.upperLowerIndex).toBeCloseTo(-2 / 3, 10);
  });

  test.each([
    ["everyone right: no variation, no point-biserial; D = 0", tenStudents(() => true), "item", null, 0],
    // Groups of round(2 x 0.27) = 1: a above b, so D = 1 - 0 even without a rest of test.
    ["a test of one question: no rest of test, but D", [{ studentId: "a", questions: [q("only", 1, 1)] }, { studentId: "b", questions: [q("only", 0, 1)] }], "only", null, 1],
    ["one student: no spread, no groups", [{ studentId: "a", questions: [q("x", 1, 2), q("y", 1, 1)] }], "x", null, null],
  ])("%s", (_label, data, id, pbis, ul) => {
    const s = assessmentStatistics(data).questions.find((x) => x.questionId === id)!;
    expect(s.pointBiserial).toBe(pbis);
    expect(s.upperLowerIndex).toBe(ul);
  });

  test("students who drew different alternatives are counted per question", () => {
    const s = assessmentStatistics([
      { studentId: "a", questions: [q("nat-a", 1, 1), q("dns", 1, 1)] },
      { studentId: "b", questions: [q("nat-b", 0, 1), q("dns", 0, 1)] },
      { studentId: "c", questions: [q("nat-a", 0, 1), q("dns", 1, 1)] },
    ]);
    expect(s.questions.map((x) => [x.questionId, x.attempts, x.facility])).toEqual([["nat-a", 2, 50], ["dns", 3, (2 / 3) * 100], ["nat-b", 1, 0]]);
  });
});

describe("misconceptions per question", () => {
  const m = (at: string, status: FieldStatus, misconception: string | null) => ({ at, field: "ip.src", status, misconception });
  test("counts students, not answers, and sorts the most common first", () => {
    // a: nat-before-routing twice (one student); b: nat-before-routing and ttl-not-decremented;
    // c: ttl-not-decremented; d: none. Four takers.
    const s = assessmentStatistics([
      { studentId: "a", questions: [{ ...q("q", 0, 2), fields: [m("h1", "wrong", "nat-before-routing"), m("h2", "wrong", "nat-before-routing")] }] },
      { studentId: "b", questions: [{ ...q("q", 0, 2), fields: [m("h1", "wrong", "nat-before-routing"), m("h2", "wrong", "ttl-not-decremented")] }] },
      { studentId: "c", questions: [{ ...q("q", 1, 2), fields: [m("h1", "correct", null), m("h2", "wrong", "ttl-not-decremented")] }] },
      { studentId: "d", questions: [{ ...q("q", 2, 2), fields: [m("h1", "correct", null), m("h2", "correct", null)] }] },
    ]);
    expect(s.questions[0]!.misconceptions).toEqual([
      { rule: "nat-before-routing", students: 2, share: 0.5 },
      { rule: "ttl-not-decremented", students: 2, share: 0.5 },
    ]);
  });
});

describe("responseFromGrade", () => {
  test("takes the score, the maximum and each field's verdict from a grader result", () => {
    const field = { id: "b1", label: "src", flow: "f", at: "tcp.syn@router", field: "ip.src", concept: "nat", status: "wrong", score: 0, weight: 1, given: "10.0.0.2", expected: "203.0.113.5", feedback: "", reason: "", provenance: null, misconception: { rule: "nat-skipped", name: "NAT skipped", truth: "" } } as const;
    const r = responseFromGrade("z0:nat", { score: 3, maxScore: 4, fields: [field, { ...field, id: "b2", field: "ip.dst", status: "correct", misconception: null }] }, 42);
    expect(r).toEqual({
      questionId: "z0:nat", earned: 3, possible: 4, seconds: 42,
      fields: [
        { at: "tcp.syn@router", field: "ip.src", status: "wrong", misconception: "nat-skipped", given: "10.0.0.2" },
        { at: "tcp.syn@router", field: "ip.dst", status: "correct", misconception: null, given: "10.0.0.2" },
      ],
    });
  });
});

describe("helpers and bad input", () => {
  test.each([
    ["sample SD of 2, 4, 4, 4, 5, 5, 7, 9 (sum of squares 32, / 7)", [2, 4, 4, 4, 5, 5, 7, 9], Math.sqrt(32 / 7)],
    ["one value: none", [3], null],
    ["no values: none", [], null],
  ])("%s", (_label, xs, expected) => {
    const sd = sampleSd(xs);
    if (expected === null) expect(sd).toBeNull();
    else expect(sd).toBeCloseTo(expected, 12);
  });

  test.each([
    ["perfectly correlated", [1, 2, 3], [2, 4, 6], 1],
    ["perfectly anti-correlated", [1, 2, 3], [3, 2, 1], -1],
    ["a constant side", [1, 1, 1], [1, 2, 3], null],
    ["lengths differ", [1, 2], [1, 2, 3], null],
  ])("pearson: %s", (_label, xs, ys, r) => {
    const got = pearson(xs, ys);
    if (r === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(r, 12);
  });

  test("histogram edges: 9.999 in the first bin, 10 in the second, 100 and over in the last, below 0 in the first", () => {
    expect(histogram([9.999, 10, 100, 120, -5], 10).map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 2]);
    expect(histogram([50], 4).map((b) => [b.from, b.to, b.count])).toEqual([[0, 25, 0], [25, 50, 0], [50, 75, 1], [75, 100, 0]]);
  });

  test.each([
    ["a student twice", () => assessmentStatistics([...SMALL, SMALL[0]!]), /twice/],
    ["zero bins", () => assessmentStatistics(SMALL, 0), /bins/],
  ])("refuses %s", (_label, run, message) => {
    expect(run).toThrow(message);
  });

  test("no students: empty statistics, not NaN", () => {
    expect(assessmentStatistics([])).toMatchObject({ students: 0, meanPercent: null, sdPercent: null, questions: [] });
  });
});
