import { describe, expect, test } from "vitest";
import { pageOfRows, parsePageNumber } from "@/lib/assessment/gradebook-paging";

const rows = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe("pageOfRows: a page of the rows, clamped to the pages there are", () => {
  test.each([
    ["the first page", 120, 1, { page: 1, pages: 3, first: 1, last: 50, total: 120, shown: [1, 50] }],
    ["a middle page", 120, 2, { page: 2, pages: 3, first: 51, last: 100, total: 120, shown: [51, 100] }],
    ["the last, short page", 120, 3, { page: 3, pages: 3, first: 101, last: 120, total: 120, shown: [101, 120] }],
    ["past the end: the last page", 120, 9, { page: 3, pages: 3, first: 101, last: 120, total: 120, shown: [101, 120] }],
    ["exactly one full page", 50, 1, { page: 1, pages: 1, first: 1, last: 50, total: 50, shown: [1, 50] }],
    ["no rows: one empty page", 0, 4, { page: 1, pages: 1, first: 0, last: 0, total: 0, shown: [] }],
  ] as const)("%s", (_label, n, page, expected) => {
    const p = pageOfRows(rows(n), page, 50);
    expect({ page: p.page, pages: p.pages, first: p.first, last: p.last, total: p.total }).toEqual({ page: expected.page, pages: expected.pages, first: expected.first, last: expected.last, total: expected.total });
    expect(p.rows.length === 0 ? [] : [p.rows[0], p.rows[p.rows.length - 1]]).toEqual(expected.shown);
  });
});

describe("parsePageNumber: anything but a whole number from 1 is page 1", () => {
  test.each([
    ["missing", undefined, 1],
    ["a page", "3", 3],
    ["spaces around it", " 2 ", 2],
    ["zero", "0", 1],
    ["negative", "-2", 1],
    ["a fraction", "1.5", 1],
    ["words", "last", 1],
    ["absurdly long", "12345678901", 1],
    ["repeated: the first", ["4", "7"], 4],
  ] as const)("%s", (_label, value, page) => {
    expect(parsePageNumber(value)).toBe(page);
  });
});
