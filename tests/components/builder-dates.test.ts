/** The builder's date pickers speak local time; the definition keeps instants in UTC: the two must round-trip. */
import { describe, expect, test } from "vitest";
import { fromLocalInput, toLocalInput } from "@/components/assessments/dates";

describe("builder date conversion", () => {
  test.each([
    ["a winter morning", "2027-01-15T09:00:00Z"],
    ["a summer evening", "2027-07-01T18:30:00Z"],
    ["midnight at the turn of a year", "2027-12-31T23:59:00Z"],
  ])("%s survives picker and back (%s)", (_label, iso) => {
    const local = toLocalInput(iso);
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(fromLocalInput(local)).toBe(iso);
  });

  test("an offset instant comes back in UTC", () => {
    expect(fromLocalInput(toLocalInput("2027-01-15T10:00:00+01:00"))).toBe("2027-01-15T09:00:00Z");
  });

  test.each([["empty", ""], ["unreadable", "not a date"]])("%s input is no date", (_label, value) => {
    expect(fromLocalInput(value)).toBeUndefined();
  });

  test.each([["absent", undefined], ["unreadable", "soon"]])("%s instant shows an empty picker", (_label, iso) => {
    expect(toLocalInput(iso)).toBe("");
  });
});
