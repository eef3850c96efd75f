import { describe, expect, test } from "vitest";
import { checkOverride, describeSource, effectiveRules, scaledLimitMs, type AssessmentOverride, type EffectiveRules } from "@/lib/assessment/rules";
import { at, exam, homework, MIN } from "./support";

const NOW = at("2027-03-08T10:00:00Z");
const o = (fields: Partial<AssessmentOverride>): AssessmentOverride => ({ id: "o-1", studentId: "ann", reason: "medical note", ...fields });
const ASSESSMENT = { kind: "assessment" } as const;

describe("effectiveRules: each value and where it comes from", () => {
  test("no override, no factor: everything is the assessment default", () => {
    const r = effectiveRules(exam(), [], { id: "ann" }, NOW);
    expect(r).toMatchObject({
      release: { value: at("2027-03-08T09:00:00Z"), from: [ASSESSMENT] },
      close: { value: at("2027-03-08T12:00:00Z"), from: [ASSESSMENT] },
      late: { value: null, from: [ASSESSMENT] },
      timeLimitMs: { value: 60 * MIN, from: [ASSESSMENT] },
      timeFactor: 1,
      attempts: { value: 1, from: [ASSESSMENT] },
      passwordRequired: { value: false, from: [ASSESSMENT] },
      phase: "open",
    });
  });

  const ROWS: [string, AssessmentOverride[], { id: string; timeFactor?: number }, (r: EffectiveRules) => unknown, unknown][] = [
    ["an override moves the close date", [o({ close: "2027-03-08T14:00:00Z" })], { id: "ann" }, (r) => r.close,
      { value: at("2027-03-08T14:00:00Z"), from: [{ kind: "override", overrideId: "o-1", reason: "medical note" }] }],
    ["an override moves the release date", [o({ release: "2027-03-07T09:00:00Z" })], { id: "ann" }, (r) => r.release.value, at("2027-03-07T09:00:00Z")],
    ["an override for another student changes nothing", [o({ studentId: "bob", close: "2027-03-08T14:00:00Z" })], { id: "ann" }, (r) => r.close,
      { value: at("2027-03-08T12:00:00Z"), from: [ASSESSMENT] }],
    ["an override gives more attempts", [o({ attempts: 2 })], { id: "ann" }, (r) => r.attempts.value, 2],
    ["an override waives the password", [o({ passwordWaived: true })], { id: "ann" }, (r) => r.passwordRequired.value, false],
    ["the course time factor multiplies the limit", [], { id: "ann", timeFactor: 1.5 }, (r) => r.timeLimitMs,
      { value: 90 * MIN, from: [ASSESSMENT, { kind: "course-time-factor", factor: 1.5 }] }],
    ["an overridden limit is still multiplied by the factor", [o({ timeLimitMinutes: 80 })], { id: "ann", timeFactor: 1.5 }, (r) => r.timeLimitMs,
      { value: 120 * MIN, from: [{ kind: "override", overrideId: "o-1", reason: "medical note" }, { kind: "course-time-factor", factor: 1.5 }] }],
    ["a later override wins over an earlier one, value by value", [o({ close: "2027-03-08T13:00:00Z", attempts: 2 }), o({ id: "o-2", close: "2027-03-08T15:00:00Z" })], { id: "ann" },
      (r) => [r.close.value, r.close.from[0], r.attempts.value], [at("2027-03-08T15:00:00Z"), { kind: "override", overrideId: "o-2", reason: "medical note" }, 2]],
    ["a late date by override keeps full credit when the assessment has no late policy", [o({ lateUntil: "2027-03-09T12:00:00Z" })], { id: "ann" }, (r) => r.late.value,
      { until: at("2027-03-09T12:00:00Z"), creditPercent: 100 }],
  ];

  test.each(ROWS)("%s", (_label, overrides, student, pick, expected) => {
    expect(pick(effectiveRules(exam((d) => { d.access.passwordHash = "scrypt$saltsaltsaltsalt$hash"; }), overrides, student, NOW))).toEqual(expected);
  });

  test("a late date by override keeps the assessment's late credit", () => {
    const def = homework((d) => { d.access.late = { until: "2027-03-09T09:00:00Z", creditPercent: 60 }; });
    expect(effectiveRules(def, [o({ lateUntil: "2027-03-10T09:00:00Z" })], { id: "ann" }, NOW).late.value).toEqual({ until: at("2027-03-10T09:00:00Z"), creditPercent: 60 });
  });

  test.each([["0.5", 0.5], ["0", 0], ["NaN", Number.NaN], ["11", 11]])("a time factor of %s is refused", (_label, factor) => {
    expect(() => effectiveRules(exam(), [], { id: "ann", timeFactor: factor }, NOW)).toThrow(/time factor is from 1 to 10/);
  });

  test("the time factor leaves an untimed assessment untimed", () => {
    const r = effectiveRules(homework(), [], { id: "ann", timeFactor: 1.5 }, NOW);
    expect(r.timeLimitMs).toEqual({ value: null, from: [ASSESSMENT] });
    expect(r.timeFactor).toBe(1.5);
  });
});

describe("phase at now", () => {
  const def = homework((d) => { d.access.late = { until: "2027-03-09T09:00:00Z", creditPercent: 50 }; });
  test.each([
    ["1 ms before release", "2027-03-01T08:59:59.999Z", "upcoming"],
    ["exactly at release", "2027-03-01T09:00:00Z", "open"],
    ["exactly at close", "2027-03-08T09:00:00Z", "open"],
    ["1 ms after close, late policy", "2027-03-08T09:00:00.001Z", "late"],
    ["exactly at the late date", "2027-03-09T09:00:00Z", "late"],
    ["1 ms after the late date", "2027-03-09T09:00:00.001Z", "closed"],
  ])("%s: %s", (_label, now, phase) => {
    expect(effectiveRules(def, [], { id: "ann" }, at(now)).phase).toBe(phase);
  });

  test("no late policy: closed right after close; no dates at all: always open", () => {
    expect(effectiveRules(homework(), [], { id: "ann" }, at("2027-03-08T09:00:00.001Z")).phase).toBe("closed");
    const open = homework((d) => { d.access = { attempts: 1 }; });
    expect(effectiveRules(open, [], { id: "ann" }, at("1999-01-01T00:00:00Z")).phase).toBe("open");
  });
});

describe("scaledLimitMs: minutes x factor, up to the whole second", () => {
  test.each([
    ["60 min x 1", 60, 1, 3_600_000],
    ["60 min x 1.5", 60, 1.5, 5_400_000],
    ["45 min x 1.1 (float gives 2970000.0000000005 ms)", 45, 1.1, 2_970_000],
    ["45 min x 1.33 = 59.85 min exactly", 45, 1.33, 3_591_000],
    ["7 min x 1.25 = 8.75 min", 7, 1.25, 525_000],
    ["1 min x 1.001 = 60.06 s, rounded up to 61 s", 1, 1.001, 61_000],
    ["0.5 min x 1.5", 0.5, 1.5, 45_000],
    ["25 min x 1.5 = 37.5 min exactly", 25, 1.5, 2_250_000],
    ["0.35 min x 1.5 = 31.5 s, rounded up to 32 s", 0.35, 1.5, 32_000],
  ])("%s", (_label, minutes, factor, expected) => {
    expect(scaledLimitMs(minutes, factor)).toBe(expected);
  });
});

test("describeSource explains each layer", () => {
  expect([ASSESSMENT, { kind: "override", overrideId: "o-7", reason: "extension" } as const, { kind: "course-time-factor", factor: 1.5 } as const].map(describeSource))
    .toEqual(["assessment default", "override o-7 (extension)", "course time factor 1.5"]);
});

describe("checkOverride", () => {
  test.each([
    ["a plain extension is fine", exam(), o({ close: "2027-03-08T14:00:00Z" }), []],
    ["a close before the release", exam(), o({ close: "2027-03-08T08:00:00Z" }), [["error", "close"]]],
    ["a release after the close", exam(), o({ release: "2027-03-08T13:00:00Z" }), [["error", "release"]]],
    ["a late date before the close", exam(), o({ lateUntil: "2027-03-08T11:00:00Z" }), [["error", "lateUntil"]]],
    ["a time limit on untimed homework", homework(), o({ timeLimitMinutes: 30 }), [["warning", "timeLimitMinutes"]]],
    ["fewer attempts than everyone else", homework(), o({ attempts: 1 }), [["warning", "attempts"]]],
  ])("%s", (_label, def, override, expected) => {
    expect(checkOverride(def, override).map((i) => [i.severity, i.path.join(".")])).toEqual(expected);
  });
});
