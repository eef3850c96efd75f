import { describe, expect, test } from "vitest";
import { clockOffset, formatRemaining, remainingMs } from "@/components/assessment/server-clock";

const DEADLINE = Date.parse("2027-03-08T10:00:00Z");
const SERVER_NOW = DEADLINE - 30 * 60_000;

describe("the timer runs on the server's clock", () => {
  test.each([
    ["a browser clock in step", 0],
    ["a browser clock an hour fast", 3_600_000],
    ["a browser clock a day slow", -86_400_000],
  ])("%s shows the same time left", (_label, skew) => {
    const sent = SERVER_NOW + skew - 100;
    const received = SERVER_NOW + skew + 100;
    const offset = clockOffset(SERVER_NOW, sent, received);
    expect(remainingMs(DEADLINE, received, offset)).toBe(30 * 60_000 - 100);
    expect(remainingMs(DEADLINE, received + 60_000, offset)).toBe(29 * 60_000 - 100);
  });

  test("never negative after the deadline", () => {
    expect(remainingMs(DEADLINE, DEADLINE + 5_000, 0)).toBe(0);
  });

  test.each([
    [0, "0:00"], [1, "0:01"], [999, "0:01"], [59_001, "1:00"], [4 * 60_000 + 9_000, "4:09"], [3_725_000, "1:02:05"],
  ])("%i ms reads %s", (ms, text) => {
    expect(formatRemaining(ms)).toBe(text);
  });
});
