/**
 * Hopwise on a phone (390 px) and on the desktop: no page scrolls sideways, the answer table
 * reflows into one card per hop, the sticky Submit stays on screen, the results' journey step list
 * does not cover the layer inspector, the progress history fits; "Open the journey at this hop"
 * brings the journey into view.
 */
import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";

const GOOGLE = "browser-to-google";

async function startAttempt(request: APIRequestContext): Promise<string> {
  const response = await request.post("/api/v1/attempts", { data: { scenarioId: GOOGLE, difficulty: "advanced" } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** A guest with one attempt in progress and one submitted with a mistake (the TTL at the laptop). */
async function guestWithAttempts(browser: Browser, viewport: { width: number; height: number }): Promise<{ page: Page; open: string; done: string }> {
  const page = await browser.newPage({ viewport });
  await page.goto("/");
  const open = await startAttempt(page.request);
  const done = await startAttempt(page.request);
  expect((await page.request.put(`/api/v1/attempts/${done}/answers`, { data: { answers: { "first-visit/dns.query@laptop/ip.ttl": "63" } } })).status()).toBe(200);
  expect((await page.request.post(`/api/v1/attempts/${done}/submit`)).status()).toBe(200);
  return { page, open, done };
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

for (const [name, viewport] of [["phone (390 px)", PHONE], ["desktop", DESKTOP]] as const) {
  test.describe.serial(`every page on a ${name}`, () => {
    let page: Page;
    let open: string;
    let done: string;
    test.beforeAll(async ({ browser }) => {
      ({ page, open, done } = await guestWithAttempts(browser, viewport));
    });
    test.afterAll(async () => {
      await page.close();
    });

    const pages: readonly (readonly [string, () => string])[] = [
      ["home", () => "/"],
      ["scenarios", () => "/scenarios"],
      ["scenario study", () => `/scenarios/${GOOGLE}`],
      ["practice", () => `/practice/${open}`],
      ["results with its journey", () => `/practice/${done}`],
      ["drills", () => "/drills"],
      ["progress", () => "/me"],
      ["sign-in", () => "/sign-in"],
      ["sign-up", () => "/sign-up"],
    ];
    for (const [label, path] of pages) {
      test(`${label}: nothing scrolls sideways`, async () => {
        await page.goto(path());
        if (label === "results with its journey") await expect(page.getByTestId("layer-inspector")).toBeVisible({ timeout: 60_000 });
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      });
    }

    test("practice: one card per hop on a phone, a table on the desktop, and Submit stays on screen", async () => {
      await page.goto(`/practice/${open}`);
      const row = page.locator("[data-testid=answer-form] tbody tr").first();
      await expect(row).toBeVisible();
      const display = await row.evaluate((el) => getComputedStyle(el).display);
      expect(display).toBe(viewport === PHONE ? "block" : "table-row");
      const box = await row.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
      // Half-way down the sheet the sticky bar is still inside the viewport.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
      const submit = await page.getByTestId("submit").boundingBox();
      expect(submit).not.toBeNull();
      expect(submit!.y + submit!.height).toBeLessThanOrEqual(viewport.height);
      expect(submit!.x + submit!.width).toBeLessThanOrEqual(viewport.width);
    });

    test("results: the journey opens at the hop and the step list never covers the inspector", async () => {
      await page.goto(`/practice/${done}`);
      await page.getByRole("link", { name: "Open the journey at this hop" }).click();
      await expect(page).toHaveURL(/\?flow=[^&]+&at=[^#]+#journey$/);
      // The journey is brought into view (it is thousands of pixels below the link).
      await expect(page.getByTestId("journey-section")).toBeInViewport({ timeout: 60_000 });
      const inspector = page.getByTestId("layer-inspector");
      await expect(inspector).toBeVisible();
      const pane = page.locator("nav[aria-label='Steps of this flow']");
      expect(await pane.evaluate((el) => getComputedStyle(el).position)).toBe(viewport === PHONE ? "static" : "sticky");
      await inspector.scrollIntoViewIfNeeded();
      const covered = await inspector.evaluate((el) => {
        const b = el.getBoundingClientRect();
        const hit = document.elementFromPoint(b.left + b.width / 2, Math.max(b.top, 0) + 10);
        return hit !== null && !el.contains(hit);
      });
      expect(covered).toBe(false);
    });

    test("progress: the history fits and shows when each attempt was started, newest first", async () => {
      await page.goto("/me");
      const table = page.getByTestId("attempt-history");
      await expect(table).toBeVisible();
      const wrap = await table.evaluate((el) => ({ scroll: el.parentElement!.scrollWidth, client: el.parentElement!.clientWidth }));
      expect(wrap.scroll).toBeLessThanOrEqual(wrap.client);
      const times = await page.getByTestId("attempt-started").evaluateAll((els) => els.map((e) => e.getAttribute("datetime") ?? ""));
      expect(times.length).toBeGreaterThanOrEqual(2);
      expect([...times].sort().reverse()).toEqual(times);
    });
  });
}
