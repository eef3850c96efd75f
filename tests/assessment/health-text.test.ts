import { expect, test } from "vitest";
import type { HealthFlag } from "@/lib/assessment/health";
import { flagText } from "@/lib/assessment/health-text";

test.each<[string, HealthFlag, string]>([
  ["a shared wrong value nothing explains", { kind: "shared-unexplained-answer", questionId: "q", at: "web/h2", field: "src", value: "10.0.0.9", students: 4, share: 0.4 },
    "4 students answered 10.0.0.9 at web/h2 src (40% of the answers) and no misconception explains it: check the question and its expected value."],
  ["a common misconception", { kind: "common-misconception", questionId: "q", rule: "nat-before-routing", students: 6, share: 0.6 },
    "6 students (60%) showed the misconception nat-before-routing: the question may be ambiguous."],
  ["negative discrimination", { kind: "negative-discrimination", questionId: "q", pointBiserial: -0.234 }, "Stronger students did worse on it than weaker ones (point-biserial -0.23)."],
  ["everyone right", { kind: "no-spread", questionId: "q", facility: 100 }, "Everyone got all of it, so it does not tell students apart."],
])("%s", (_label, flag, text) => {
  expect(flagText(flag)).toBe(text);
});
