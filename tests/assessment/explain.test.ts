import { describe, expect, test } from "vitest";
import { explainRules, formatDuration } from "@/lib/assessment/explain";
import { effectiveRules } from "@/lib/assessment/rules";
import { at, exam, homework, MIN } from "./support";

describe("explainRules: what applies to this student, and why", () => {
  test("an exam with an extension and a time factor", () => {
    const def = exam((d) => {
      d.access.passwordHash = "scrypt$saltsaltsaltsalt$hash";
      d.feedback = { score: "after-submit", journey: { date: "2027-03-15T09:00:00Z" }, misconceptions: "never" };
    });
    const rules = effectiveRules(def, [{ id: "o-1", studentId: "ann", reason: "medical note", close: "2027-03-08T13:00:00Z", passwordWaived: true }], { id: "ann", timeFactor: 1.5 }, at("2027-03-08T08:00:00Z"));
    expect(explainRules(def, rules).map((l) => [l.rule, l.text, l.because.join("; ")])).toEqual([
      ["release", "Opens 8 Mar 2027, 09:00 UTC.", "assessment default"],
      ["close", "Closes 8 Mar 2027, 13:00 UTC.", "override o-1 (medical note)"],
      ["late", "No late work is accepted.", "assessment default"],
      ["time", "1 h 30 min from when you start, ending at the close date at the latest.", "assessment default; course time factor 1.5"],
      ["attempts", "One attempt.", "assessment default"],
      ["password", "No password.", "override o-1 (medical note)"],
      ["score", "Your score: right after you submit.", "assessment default"],
      ["correctness", "Which answers were right: after the assessment closes for everyone.", "assessment default"],
      ["expected", "The expected answers and why: after the assessment closes for everyone.", "assessment default"],
      ["misconceptions", "The misconceptions found in your answers: not shown.", "assessment default"],
      ["journey", "The packet journey: from 15 Mar 2027, 09:00 UTC.", "assessment default"],
    ]);
  });

  test("homework with a late policy, in the student's zone", () => {
    const def = homework((d) => { d.access.late = { until: "2027-03-09T09:00:00Z", creditPercent: 50 }; });
    const lines = explainRules(def, effectiveRules(def, [], { id: "bob" }, 0), "Europe/Paris");
    expect(lines.find((l) => l.rule === "late")!.text).toBe("Late work until 9 Mar 2027, 10:00 Europe/Paris keeps 50% of its score.");
    expect(lines.find((l) => l.rule === "attempts")!.text).toBe("3 attempts.");
    expect(lines.find((l) => l.rule === "time")!.text).toBe("No time limit.");
  });

  test("a timed homework with a late date says the timer stops at the late date", () => {
    const def = homework((d) => { d.access.timeLimitMinutes = 30; d.access.late = { until: "2027-03-09T09:00:00Z", creditPercent: 50 }; });
    expect(explainRules(def, effectiveRules(def, [], { id: "bob" }, 0)).find((l) => l.rule === "time")!.text).toBe("30 min from when you start, ending at the late date at the latest.");
  });
});

describe("formatDuration", () => {
  test.each([[60 * MIN, "1 h"], [90 * MIN, "1 h 30 min"], [45 * MIN, "45 min"], [49.5 * MIN, "49 min 30 s"], [0, "0 min"], [61_000, "1 min 1 s"]])("%i ms is %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
