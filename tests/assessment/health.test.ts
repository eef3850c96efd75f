import { describe, expect, test } from "vitest";
import type { FieldStatus } from "@/lib/grader/types";
import { questionHealth } from "@/lib/assessment/health";
import { assessmentStatistics, type QuestionStatistics, type StudentResult } from "@/lib/assessment/statistics";

type Answer = [FieldStatus, string | null, string | null]; // status, given, misconception

function student(id: string, nat: Answer, dns: Answer): StudentResult {
  const response = (questionId: string, [status, given, misconception]: Answer, field: string) => ({
    questionId, earned: status === "correct" ? 1 : 0, possible: 1, seconds: null, fields: [{ at: "h1", field, status, given, misconception }],
  });
  return { studentId: id, questions: [response("nat", nat, "ip.src"), response("dns", dns, "dns.answer")] };
}

/**
 * nat, field h1 ip.src: "10.0.0.9" three times with no misconception (3 of 6 = 50 %, over the 30 %
 * threshold: flagged, even written with spaces); "192.168.1.1" twice, explained by nat-skipped
 * (2 of 6 = 33 %, under the 50 % misconception threshold: not flagged).
 * dns: the misconception cached-answer in 4 of 6 students (67 %): flagged; its wrong values are
 * explained, so no shared-answer flag.
 */
const CLASS: StudentResult[] = [
  student("s1", ["correct", "203.0.113.5", null], ["correct", "1.2.3.4", null]),
  student("s2", ["wrong", "10.0.0.9", null], ["wrong", "9.9.9.9", "cached-answer"]),
  student("s3", ["wrong", "10.0.0.9", null], ["wrong", "9.9.9.9", "cached-answer"]),
  student("s4", ["wrong", " 10.0.0.9 ", null], ["wrong", "9.9.9.9", "cached-answer"]),
  student("s5", ["wrong", "192.168.1.1", "nat-skipped"], ["wrong", "9.9.9.9", "cached-answer"]),
  student("s6", ["wrong", "192.168.1.1", "nat-skipped"], ["correct", "1.2.3.4", null]),
];

describe("questionHealth", () => {
  test("flags the unexplained shared answer and the common misconception, nothing explained", () => {
    const flags = questionHealth(CLASS, assessmentStatistics(CLASS).questions);
    expect(flags.filter((f) => f.kind === "shared-unexplained-answer" || f.kind === "common-misconception")).toEqual([
      { kind: "shared-unexplained-answer", questionId: "nat", at: "h1", field: "ip.src", value: "10.0.0.9", students: 3, share: 0.5 },
      { kind: "common-misconception", questionId: "dns", rule: "cached-answer", students: 4, share: 4 / 6 },
    ]);
  });

  test("a class under the minimum size flags nothing", () => {
    const small = CLASS.slice(0, 4);
    expect(questionHealth(small, assessmentStatistics(small).questions)).toEqual([]);
  });

  const stats = (over: Partial<QuestionStatistics>): QuestionStatistics => ({
    questionId: "q", attempts: 10, meanPoints: 0.5, sdPoints: 0.5, facility: 50, pointBiserial: 0.3, upperLowerIndex: 0.4, fields: [], hops: [], misconceptions: [], averageSeconds: null, ...over,
  });
  test.each([
    ["a healthy question", stats({}), []],
    ["negative discrimination", stats({ pointBiserial: -0.2 }), [{ kind: "negative-discrimination", questionId: "q", pointBiserial: -0.2 }]],
    ["everyone right", stats({ facility: 100, pointBiserial: null }), [{ kind: "no-spread", questionId: "q", facility: 100 }]],
    ["everyone wrong", stats({ facility: 0, pointBiserial: null }), [{ kind: "no-spread", questionId: "q", facility: 0 }]],
    ["no discrimination known (null) is not negative", stats({ pointBiserial: null }), []],
  ])("%s", (_label, question, expected) => {
    expect(questionHealth([], [question])).toEqual(expected);
  });
});
