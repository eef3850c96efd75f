/**
 * axe-core on every page, including the results page with its packet journey: no serious or
 * critical violations. The rules axe reports are listed by id with the first offending element.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

const GOOGLE = "browser-to-google";

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} element(s), first ${v.nodes[0]?.target.join(" ")}`);
}

// Not serial: every page is checked and reported even when one has violations.
test.describe("accessibility of every page", () => {
  let page: Page;
  let open: string;
  let done: string;
  test.beforeAll(async ({ browser }) => {
    // AxeBuilder needs a page from an explicit context.
    page = await (await browser.newContext()).newPage();
    await page.goto("/");
    const start = async () => ((await (await page.request.post("/api/v1/attempts", { data: { scenarioId: GOOGLE, difficulty: "advanced" } })).json()) as { id: string }).id;
    open = await start();
    done = await start();
    await page.request.put(`/api/v1/attempts/${done}/answers`, { data: { answers: { "first-visit/dns.query@laptop/ip.ttl": "63" } } });
    await page.request.post(`/api/v1/attempts/${done}/submit`);
  });
  test.afterAll(async () => {
    await page.context().close();
  });

  const pages: readonly (readonly [string, () => string])[] = [
    ["home", () => "/"],
    ["scenarios", () => "/scenarios"],
    ["scenario study", () => `/scenarios/${GOOGLE}`],
    ["practice", () => `/practice/${open}`],
    ["results with its journey", () => `/practice/${done}`],
    ["drills", () => "/drills"],
    ["drills explaining a typed address", () => "/drills?address=10.37.200.9%2F22"],
    ["drills with a bad typed address", () => "/drills?address=10.0.0.1%20255.0.255.0"],
    ["progress", () => "/me"],
    ["sign-in", () => "/sign-in"],
    ["sign-up", () => "/sign-up"],
  ];
  for (const [label, path] of pages) {
    test(`${label}: no serious or critical violations`, async () => {
      await page.goto(path());
      if (label === "results with its journey") await expect(page.getByTestId("layer-inspector")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }
});
