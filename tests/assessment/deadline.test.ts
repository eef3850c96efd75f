import { describe, expect, test } from "vitest";
import { creditAt, fixDeadline, GRACE_MS, timeLeftMs, withinDeadline } from "@/lib/assessment/deadline";
import { effectiveRules } from "@/lib/assessment/rules";
import { at, exam, homework, MIN } from "./support";

// The exam: release 09:00, close 12:00, 60 minutes.
const EXAM = exam();
const CLOSE = at("2027-03-08T12:00:00Z");
const rulesFor = (def = EXAM, factor = 1) => effectiveRules(def, [], { id: "ann", timeFactor: factor }, at("2027-03-08T09:00:00Z"));

describe("fixDeadline: min(start + limit x factor, close or late date)", () => {
  const LATE = exam((d) => { d.access.late = { until: "2027-03-08T12:30:00Z", creditPercent: 50 }; });
  const UNTIMED = homework();
  const OPEN_ENDED = exam((d) => { delete d.access.close; });
  const NOTHING = homework((d) => { d.access = { attempts: 1 }; });
  test.each([
    ["early start: the time limit ends first", EXAM, 1, "2027-03-08T09:30:00Z", "2027-03-08T10:30:00Z", "time-limit"],
    ["start exactly limit before close: a tie goes to the time limit", EXAM, 1, "2027-03-08T11:00:00Z", "2027-03-08T12:00:00Z", "time-limit"],
    ["start 1 ms later: the close date cuts it", EXAM, 1, "2027-03-08T11:00:00.001Z", "2027-03-08T12:00:00Z", "close"],
    ["factor 1.5: 90 minutes", EXAM, 1.5, "2027-03-08T09:30:00Z", "2027-03-08T11:00:00Z", "time-limit"],
    ["factor 1.5 but the close date comes first", EXAM, 1.5, "2027-03-08T11:00:00Z", "2027-03-08T12:00:00Z", "close"],
    ["a late policy caps at the late date instead", LATE, 1, "2027-03-08T11:45:00Z", "2027-03-08T12:30:00Z", "late-until"],
    ["no time limit: the close date", UNTIMED, 1, "2027-03-02T10:00:00Z", "2027-03-08T09:00:00Z", "close"],
    ["no close date: only the time limit", OPEN_ENDED, 1.5, "2030-01-01T00:00:00Z", "2030-01-01T01:30:00Z", "time-limit"],
  ])("%s", (_label, def, factor, start, deadline, cause) => {
    expect(fixDeadline(rulesFor(def, factor), at(start))).toEqual({ deadline: at(deadline), cause });
  });

  test("an override moving close past the late date: the new close caps, the late period is empty", () => {
    const def = homework((d) => { d.access.late = { until: "2027-03-09T09:00:00Z", creditPercent: 50 }; });
    const rules = effectiveRules(def, [{ id: "o", studentId: "ann", reason: "extension", close: "2027-03-12T09:00:00Z" }], { id: "ann" }, 0);
    expect(fixDeadline(rules, at("2027-03-10T09:00:00Z"))).toEqual({ deadline: at("2027-03-12T09:00:00Z"), cause: "close" });
    expect(creditAt(rules, at("2027-03-11T09:00:00Z"))).toEqual({ timeliness: "on-time", percent: 100 });
  });

  test("no time limit and no close date: no deadline", () => {
    expect(fixDeadline(rulesFor(NOTHING), at("2027-03-08T09:00:00Z"))).toEqual({ deadline: null, cause: null });
  });

  test("factor 1.1 on 45 minutes is exactly 49.5 minutes, not a float a hair over", () => {
    const def = exam((d) => { d.access.timeLimitMinutes = 45; });
    const start = at("2027-03-08T09:00:00Z");
    expect(fixDeadline(rulesFor(def, 1.1), start).deadline! - start).toBe(49.5 * MIN);
  });
});

describe("withinDeadline: the grace covers network delay", () => {
  const deadline = at("2027-03-08T10:30:00Z");
  test.each([
    ["1 ms before the deadline", deadline - 1, true],
    ["exactly at the deadline", deadline, true],
    ["1 ms after the deadline (grace)", deadline + 1, true],
    ["exactly at the grace edge", deadline + GRACE_MS, true],
    ["1 ms after the grace", deadline + GRACE_MS + 1, false],
  ])("%s", (_label, t, ok) => {
    expect(withinDeadline(deadline, t)).toBe(ok);
  });
  test("no deadline: always within", () => expect(withinDeadline(null, Number.MAX_SAFE_INTEGER)).toBe(true));
  test("the grace is a short, documented constant", () => expect(GRACE_MS).toBe(10_000));
});

describe("creditAt: full credit until close, late credit until the late date", () => {
  const LATE = rulesFor(exam((d) => { d.access.late = { until: "2027-03-08T13:00:00Z", creditPercent: 40 }; }));
  const LATE_UNTIL = at("2027-03-08T13:00:00Z");
  test.each([
    ["before close", LATE, CLOSE - MIN, "on-time", 100],
    ["exactly at close", LATE, CLOSE, "on-time", 100],
    ["1 ms after close (within the grace)", LATE, CLOSE + 1, "on-time", 100],
    ["at close + grace", LATE, CLOSE + GRACE_MS, "on-time", 100],
    ["1 ms after close + grace: late", LATE, CLOSE + GRACE_MS + 1, "late", 40],
    ["exactly at the late date", LATE, LATE_UNTIL, "late", 40],
    ["at the late date + grace", LATE, LATE_UNTIL + GRACE_MS, "late", 40],
    ["1 ms after the late date + grace: too late", LATE, LATE_UNTIL + GRACE_MS + 1, "too-late", 0],
    ["no late policy, after close + grace: too late", rulesFor(), CLOSE + GRACE_MS + 1, "too-late", 0],
    ["no close date: always on time", rulesFor(exam((d) => { delete d.access.close; })), at("2099-01-01T00:00:00Z"), "on-time", 100],
  ])("%s", (_label, rules, t, timeliness, percent) => {
    expect(creditAt(rules, t)).toEqual({ timeliness, percent });
  });
});

describe("timeLeftMs: what the timer shows", () => {
  test.each([
    ["ten minutes left", at("2027-03-08T10:20:00Z"), 10 * MIN],
    ["at the deadline", at("2027-03-08T10:30:00Z"), 0],
    ["after the deadline: never negative", at("2027-03-08T10:31:00Z"), 0],
  ])("%s", (_label, now, left) => {
    expect(timeLeftMs(at("2027-03-08T10:30:00Z"), now)).toBe(left);
  });
  test("no deadline: null", () => expect(timeLeftMs(null, 0)).toBeNull());
});
