import { describe, expect, test } from "vitest";
import { assetsOf, budgetFor, checkBudgets, formatReport, kB } from "../../scripts/lib/page-weight.mjs";

describe("assetsOf: what a first visit fetches", () => {
  test("scripts by src and preload, stylesheets, each once; external and inline scripts ignored", () => {
    const html = [
      '<link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>',
      '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/b.js"/>',
      '<script src="/_next/static/chunks/b.js" async=""></script>',
      '<script src="/_next/static/chunks/c.js?dpl=x&amp;v=1" async=""></script>',
      '<script src="https://cdn.example/x.js"></script>',
      '<script nonce="n">self.__next_f.push([1,"x"])</script>',
      '<link rel="icon" href="/icon.svg"/>',
    ].join("");
    expect(assetsOf(html)).toEqual({
      scripts: ["/_next/static/chunks/b.js", "/_next/static/chunks/c.js?dpl=x&v=1"],
      styles: ["/_next/static/chunks/a.css"],
    });
  });
});

describe("budgets", () => {
  test.each([
    [100_000, 120_000],
    [100_001, 121_000],
    [1, 1000],
    [0, 0],
  ])("budgetFor(%i) = %i: 20%% headroom, whole kB", (bytes, budget) => {
    expect(budgetFor(bytes)).toBe(budget);
  });

  const page = (name: string, js: number) => ({ name, url: `/${name}`, html: 10_000, rsc: 5_000, css: 2_000, js });
  test.each([
    ["under", 100_000, true],
    ["exactly at", 108_000, true],
    ["one byte over", 108_001, false],
  ])("a page %s its budget", (_label, js, pass) => {
    const [row] = checkBudgets([page("home", js)], { home: 120_000 });
    expect(row).toMatchObject({ total: 12_000 + js, budget: 120_000, pass });
  });

  test("what a page loads right after (the journey) counts; a client-side navigation's RSC does not", () => {
    const [row] = checkBudgets([{ ...page("results", 100_000), lazy: 25_000 }], { results: 130_000 });
    expect(row).toMatchObject({ total: 137_000, pass: false });
  });

  test("a page without a budget fails and says so", () => {
    const rows = checkBudgets([page("home", 1), page("new-page", 1)], { home: 120_000 });
    expect(rows.map((r) => r.pass)).toEqual([true, false]);
    const report = formatReport(rows);
    expect(report).toContain("none");
    expect(report).toMatch(/Over budget: new-page\.$/);
  });

  test("the report: one aligned line per page and a verdict", () => {
    const report = formatReport(checkBudgets([page("home", 90_000), page("drills", 200_000)], { home: 120_000, drills: 150_000 }));
    const lines = report.split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^home\s+10\.0 kB\s+5\.0 kB\s+2\.0 kB\s+90\.0 kB\s+0\.0 kB\s+102\.0 kB\s+120\.0 kB\s+pass$/);
    expect(lines[2]).toMatch(/FAIL$/);
    expect(lines[3]).toBe("Over budget: drills.");
    expect(kB(1234)).toBe("1.2 kB");
  });
});
