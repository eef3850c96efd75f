import { describe, expect, test } from "vitest";
import { OptionError, wholeNumberOption } from "../../scripts/lib/options";

describe("wholeNumberOption (--seconds, --instances, --top of the scripts)", () => {
  test.each([
    { label: "not given: the default", given: undefined, expected: 10 },
    { label: "the lowest allowed", given: "3", expected: 3 },
    { label: "the highest allowed", given: "60", expected: 60 },
  ])("$label", ({ given, expected }) => {
    expect(wholeNumberOption("--seconds", given, 10, 3, 60)).toBe(expected);
  });

  test.each([
    { label: "a word", given: "zero" },
    { label: "below the range", given: "2" },
    { label: "above the range", given: "61" },
    { label: "a fraction", given: "4.5" },
    { label: "exponent notation", given: "1e1" },
    { label: "a negative number", given: "-5" },
    { label: "surrounding spaces", given: " 5" },
    { label: "empty", given: "" },
  ])("rejects $label, naming the option and the range", ({ given }) => {
    expect(() => wholeNumberOption("--seconds", given, 10, 3, 60)).toThrow(OptionError);
    expect(() => wholeNumberOption("--seconds", given, 10, 3, 60)).toThrow(`--seconds takes a whole number from 3 to 60 (got "${given}")`);
  });
});
