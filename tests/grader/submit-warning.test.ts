/** The question asked before submitting: empty blanks and answers that cannot be read. */
import { describe, expect, test } from "vitest";
import { submitWarning } from "@/components/practice/submit-warning";
import type { SheetFlow } from "@/lib/grader/types";

const FLOWS: SheetFlow[] = [{
  id: "f", title: "Flow", question: null, questions: [],
  rows: [{ id: "f/r", flow: "f", key: "r", node: "n", nodeLabel: "N", title: "Row", context: [], blanks: [
    { id: "ttl", kind: "ttl", label: "TTL" },
    { id: "dst", kind: "socket", label: "Destination IP:port" },
  ] }],
}];

describe("submitWarning", () => {
  test.each([
    ["everything filled in and readable", { ttl: "64", dst: "8.8.8.8:53" }, null],
    ["one blank empty", { ttl: "64" }, "1 blank is empty; submit anyway?"],
    ["a visible format error", { ttl: "64", dst: "8.8.8.300:53" }, "1 answer cannot be read (marked ⚠) and will score nothing; submit anyway?"],
    ["both", { ttl: "sixty-four" }, "1 answer cannot be read (marked ⚠) and will score nothing; 1 blank is empty; submit anyway?"],
  ] as const)("%s", (_label, answers, expected) => {
    expect(submitWarning(FLOWS, answers)).toBe(expected);
  });
});
