import { describe, expect, test } from "vitest";
import { canSave, canStart, canSubmit, type AttemptHistory } from "@/lib/assessment/access";
import { GRACE_MS } from "@/lib/assessment/deadline";
import { effectiveRules, type AssessmentOverride } from "@/lib/assessment/rules";
import { at, exam, homework } from "./support";

const PASSWORDED = exam((d) => { d.access.passwordHash = "scrypt$saltsaltsaltsalt$hash"; });
const HW_LATE = homework((d) => { d.access.late = { until: "2027-03-09T09:00:00Z", creditPercent: 50 }; });
const NONE: AttemptHistory = { started: 0, inProgress: false };
const waived: AssessmentOverride = { id: "o-1", studentId: "ann", reason: "accommodation", passwordWaived: true };
const twoMore: AssessmentOverride = { id: "o-2", studentId: "ann", reason: "retake", attempts: 3 };

describe("canStart", () => {
  test.each([
    ["before release", PASSWORDED, [], NONE, "2027-03-08T08:59:59Z", true, "not_released"],
    ["exactly at release, right password", PASSWORDED, [], NONE, "2027-03-08T09:00:00Z", true, null],
    ["open but no password", PASSWORDED, [], NONE, "2027-03-08T10:00:00Z", false, "password_required"],
    ["password waived by an override", PASSWORDED, [waived], NONE, "2027-03-08T10:00:00Z", false, null],
    ["exactly at close: no time left to work", PASSWORDED, [], NONE, "2027-03-08T12:00:00Z", true, "closed"],
    ["1 ms before close", PASSWORDED, [], NONE, "2027-03-08T11:59:59.999Z", true, null],
    ["after close", PASSWORDED, [], NONE, "2027-03-08T13:00:00Z", true, "closed"],
    ["one attempt used", PASSWORDED, [], { started: 1, inProgress: false }, "2027-03-08T10:00:00Z", true, "no_attempts_left"],
    ["one attempt used, override allows three", PASSWORDED, [twoMore], { started: 1, inProgress: false }, "2027-03-08T10:00:00Z", true, null],
    ["an attempt still in progress", PASSWORDED, [twoMore], { started: 1, inProgress: true }, "2027-03-08T10:00:00Z", true, "attempt_in_progress"],
    ["homework in its late period", HW_LATE, [], { started: 2, inProgress: false }, "2027-03-08T20:00:00Z", false, null],
    ["homework after its late date", HW_LATE, [], NONE, "2027-03-09T09:00:00Z", false, "closed"],
    ["homework, all three attempts used", HW_LATE, [], { started: 3, inProgress: false }, "2027-03-05T09:00:00Z", false, "no_attempts_left"],
  ])("%s", (_label, def, overrides, history, now, passwordOk, reason) => {
    const rules = effectiveRules(def, overrides as AssessmentOverride[], { id: "ann" }, at(now));
    const d = canStart(rules, history, at(now), passwordOk);
    expect(d.ok ? null : d.reason).toBe(reason);
    if (!d.ok) expect(d.message.length).toBeGreaterThan(10);
  });

  test("a refusal before release names the opening time", () => {
    const d = canStart(effectiveRules(PASSWORDED, [], { id: "ann" }, 0), NONE, at("2027-03-01T00:00:00Z"), true);
    expect(d).toEqual({ ok: false, reason: "not_released", message: "This assessment opens on 8 Mar 2027, 09:00 UTC." });
  });
});

describe.each([["canSave", canSave], ["canSubmit", canSubmit]] as const)("%s", (_name, decide) => {
  const deadline = at("2027-03-08T10:30:00Z");
  test.each([
    ["before the deadline", { deadline, submittedAt: null }, deadline - 60_000, null],
    ["exactly at the deadline", { deadline, submittedAt: null }, deadline, null],
    ["at the grace edge", { deadline, submittedAt: null }, deadline + GRACE_MS, null],
    ["1 ms after the grace", { deadline, submittedAt: null }, deadline + GRACE_MS + 1, "deadline_passed"],
    ["after a submit (a replayed request)", { deadline, submittedAt: deadline - 5 * 60_000 }, deadline - 60_000, "already_submitted"],
    ["no deadline at all", { deadline: null, submittedAt: null }, at("2099-01-01T00:00:00Z"), null],
  ])("%s", (_label, attempt, now, reason) => {
    const d = decide(attempt, now);
    expect(d.ok ? null : d.reason).toBe(reason);
  });
});
