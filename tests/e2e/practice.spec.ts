/**
 * Practising a scenario in the browser: fill in a hop-by-hop sheet (some answers right, computed
 * here with the grader for the attempt's variant; some wrong on purpose), see format errors inline,
 * reload and find everything saved, work a hop with the keyboard alone, reorder with the keyboard,
 * submit, read the results (score, expected values, a named misconception, the journey), and start
 * another variant. Guests can do all of it without an account; other people cannot see an attempt.
 */
import { type APIRequestContext, expect, type Locator, type Page, test } from "@playwright/test";
import { modelAnswers } from "../../lib/grader";
import type { Difficulty } from "../../lib/scenario/schema";
import { attemptKey } from "./support/attempt-secrets";

const SHOTS = "tests/e2e/screenshots";
const GOOGLE = "browser-to-google";
const PASSWORD = "a long enough password";

type Answers = Record<string, string | string[] | { inside: string; translated: string; outside: string }>;

/** The right answers for an attempt, from the grader and the attempt's secrets in the database (the test knows; the page never tells). */
function rightAnswers(attemptId: string): Answers {
  return modelAnswers(attemptKey(attemptId)) as Answers;
}

/** Points on offer in an attempt's sheet (a NAT entry weighs more than a single field). */
function maxScore(attemptId: string): number {
  return attemptKey(attemptId).blanks.reduce((sum, b) => sum + b.weight, 0);
}

async function startAttempt(request: APIRequestContext, difficulty: Difficulty): Promise<{ id: string; label: string }> {
  const response = await request.post("/api/v1/attempts", { data: { scenarioId: GOOGLE, difficulty } });
  expect(response.status()).toBe(201);
  return (await response.json()) as { id: string; label: string };
}

const blank = (page: Page, id: string, part?: string): Locator =>
  page.locator(part ? `input[data-blank="${id}"][data-part="${part}"]` : `[data-blank="${id}"]`).first();
const saveStatus = (page: Page) => page.getByTestId("save-status");

async function expectSaved(page: Page) {
  await expect(saveStatus(page)).toHaveText("Saved");
}

/** Tab until `target` has the focus (at most `max` presses), as a keyboard user would. */
async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(target).toBeFocused();
}

test.describe.serial("a signed-up learner practises the google.com scenario", () => {
  let page: Page;
  let attempt: { id: string; label: string };
  let right: Answers;
  const email = `practice-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;

  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
  });
  test.afterAll(async () => {
    await page.close();
  });

  test("sign up and open a beginner attempt: the sheet, the story and the diagram, no answers", async () => {
    await page.goto("/sign-up");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByTestId("account-menu")).toContainText("Signed in as");

    attempt = await startAttempt(page.request, "beginner");
    await page.goto(`/practice/${attempt.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("What happens when you type google.com?");
    await expect(page.getByTestId("practice-sheet")).toHaveAttribute("data-label", attempt.label);
    await expect(page.getByTestId("story")).toContainText("8.8.8.8");
    await expect(page.getByTestId("topology-diagram")).toBeVisible();
    right = rightAnswers(attempt.id);
    // The public sheet only: the answer to the NAT question is nowhere on the page.
    const nat = right["first-visit/nat@home-router~2/nat"] as { translated: string };
    await expect(page.locator("main")).not.toContainText(nat.translated);
  });

  test("a malformed address gets an inline message once the field is left, without blocking typing", async () => {
    const field = page.getByLabel("Destination IP:port, DNS response as it leaves Home router (NAT)");
    await field.fill("192.168.1.300:53");
    await expect(field).toHaveValue("192.168.1.300:53");
    await field.press("Tab");
    const message = page.getByTestId("format-error").first();
    await expect(message).toHaveText(/octet 300 is over 255/);
    await expect(field).toHaveAttribute("aria-invalid", "true");
    const describedBy = await field.getAttribute("aria-describedby");
    expect(describedBy).toBeTruthy();
    await expect(page.locator(`[id="${describedBy}"]`)).toHaveText(/octet 300 is over 255/);
    await page.screenshot({ path: `${SHOTS}/practice-format-error.png`, fullPage: false, clip: (await field.locator("..").boundingBox()) ?? undefined });

    await field.fill(right["first-visit/dns.response@home-router/dst"] as string);
    await field.press("Tab");
    await expect(field).not.toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("format-error")).toHaveCount(0);
  });

  test("fill some answers right and one wrong; they autosave and survive a reload", async () => {
    await page.getByLabel("Destination IP:port, DNS query as it leaves Your laptop").fill(right["first-visit/dns.query@laptop/dst"] as string);
    await blank(page, "first-visit/tcp.syn@home-router/src").fill(right["first-visit/tcp.syn@home-router/src"] as string);
    // Wrong on purpose: the reply still addressed to the router's public socket (forgetting reverse NAT).
    await blank(page, "first-visit/tcp.syn-ack@home-router/dst").fill(right["first-visit/tcp.syn@home-router/src"] as string);
    const nat = right["first-visit/nat@home-router~2/nat"] as { inside: string; translated: string; outside: string };
    for (const part of ["inside", "translated", "outside"] as const) await blank(page, "first-visit/nat@home-router~2/nat", part).fill(nat[part]);
    // Option values are ids keyed per attempt: choose by what the learner reads.
    await page.getByLabel(/^How does the flow end\?/).selectOption({ label: "Name does not exist (NXDOMAIN)" });
    await page.getByLabel(/^Which component decides it\?/).selectOption(right["typo/outcome/component"] as string);
    await page.getByRole("radio", { name: "HIT" }).check();
    await expectSaved(page);
    await page.screenshot({ path: `${SHOTS}/practice-filled.png`, fullPage: true });

    await page.reload();
    await expect(blank(page, "first-visit/dns.query@laptop/dst")).toHaveValue(right["first-visit/dns.query@laptop/dst"] as string);
    await expect(blank(page, "first-visit/tcp.syn-ack@home-router/dst")).toHaveValue(right["first-visit/tcp.syn@home-router/src"] as string);
    await expect(blank(page, "first-visit/nat@home-router~2/nat", "outside")).toHaveValue(nat.outside);
    await expect(page.getByLabel(/^How does the flow end\?/).locator("option:checked")).toHaveText("Name does not exist (NXDOMAIN)");
    await expect(page.getByRole("radio", { name: "HIT" })).toBeChecked();
  });

  test("one hop with the keyboard alone: Tab follows the table, Enter submits nothing", async () => {
    await page.reload();
    const dst = page.getByLabel("Destination IP:port, TCP SYN as it leaves Your laptop");
    const flags = page.getByLabel("TCP flags, TCP SYN as it leaves Your laptop");
    await page.keyboard.press("Tab"); // the skip link
    await page.keyboard.press("Enter");
    await tabTo(page, dst);
    await page.keyboard.type(right["first-visit/tcp.syn@laptop/dst"] as string);
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("results")).toHaveCount(0);
    await page.keyboard.press("Tab");
    await expect(flags).toBeFocused();
    await page.keyboard.type("syn");
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Source IP:port, TCP SYN as it leaves Home router (NAT)")).toBeFocused();
    await expectSaved(page);
    await page.screenshot({ path: `${SHOTS}/practice-keyboard-hop.png` });
    await page.reload();
    await expect(dst).toHaveValue(right["first-visit/tcp.syn@laptop/dst"] as string);
    await expect(flags).toHaveValue("syn");
  });

  test("submit (confirming the empty blanks) and read the results", async () => {
    let confirmText = "";
    page.once("dialog", async (dialog) => {
      confirmText = dialog.message();
      await dialog.accept();
    });
    await page.getByRole("button", { name: "Submit answers" }).click();
    await expect(page.getByTestId("results")).toBeVisible();
    expect(confirmText).toMatch(/^\d+ blanks? (is|are) empty; submit anyway\?$/);

    await expect(page.getByTestId("results-heading")).toBeFocused();
    await expect(page.getByTestId("score")).toContainText(/\d+%/);
    await expect(page.getByTestId("score")).toContainText(`of ${maxScore(attempt.id)} points`);
    const wrong = page.locator('[data-testid="field-result"][data-blank="first-visit/tcp.syn-ack@home-router/dst"]');
    await expect(wrong).toHaveAttribute("data-status", "wrong");
    await expect(wrong.getByTestId("expected-value")).toHaveText(right["first-visit/tcp.syn-ack@home-router/dst"] as string);
    await expect(wrong.getByTestId("misconception")).toContainText(/Misconception: .+/);
    await expect(wrong.getByTestId("misconception")).toContainText("In fact:");
    await expect(page.locator('[data-testid="field-result"][data-blank="first-visit/dns.query@laptop/dst"]')).toHaveAttribute("data-status", "correct");
    await expect(page.locator('[data-testid="field-result"][data-blank="first-visit/tcp.syn@laptop/tcp.flags"]')).toHaveAttribute("data-status", "correct");
    await expect(page.getByTestId("first-divergence")).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/practice-results.png`, fullPage: true });
  });

  test("the journey opens at the first divergence, with the packet on the diagram and the inspector", async () => {
    await page.getByRole("link", { name: "Open the journey at this hop" }).click();
    await expect(page).toHaveURL(/\?flow=[^&]+&at=[^#]+#journey$/);
    const journey = page.getByTestId("journey-section");
    await expect(journey).toBeVisible();
    await expect(journey.getByTestId("topology-diagram")).toBeVisible();
    await expect(journey.locator('[aria-current="step"]')).toBeVisible();
    await journey.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/practice-journey.png` });
  });

  test("a submitted attempt cannot change, and other people cannot see it", async ({ browser }) => {
    const put = await page.request.put(`/api/v1/attempts/${attempt.id}/answers`, { data: { answers: {} } });
    expect(put.status()).toBe(409);
    const stranger = await browser.newPage();
    const response = await stranger.goto(`/practice/${attempt.id}`);
    expect(response?.status()).toBe(404);
    await expect(stranger.getByRole("heading", { name: "Page not found" })).toBeVisible();
    expect((await stranger.request.get(`/api/v1/attempts/${attempt.id}/trace`)).status()).toBe(404);
    await stranger.close();
  });

  test("Try another variant: a new attempt of the same scenario and difficulty, with another label", async () => {
    await page.getByRole("button", { name: "Try another variant" }).click();
    await expect(page).not.toHaveURL(new RegExp(`/practice/${attempt.id}`));
    await expect(page).toHaveURL(/\/practice\/[a-z0-9]+$/);
    const sheet = page.getByTestId("practice-sheet");
    await expect(sheet).toBeVisible();
    expect(await sheet.getAttribute("data-label")).not.toBe(attempt.label);
    await expect(page.getByText(/^Practice · Beginner/)).toBeVisible();
  });
});

test("ordering with the keyboard: Alt+Arrow moves a step, the move is announced and saved", async ({ page }) => {
  const attempt = await startAttempt(page.request, "intermediate");
  await page.goto(`/practice/${attempt.id}`);
  const list = page.locator('[data-blank="first-visit/order/dns-steps"] ol');
  const items = list.locator("li");
  const firstText = await items.nth(0).locator("span").nth(1).innerText();
  await items.nth(0).focus();
  await page.keyboard.press("Alt+ArrowDown");
  await expect(items.nth(1)).toContainText(firstText);
  await expect(items.nth(1)).toBeFocused();
  await expect(page.getByTestId("order-announcement")).toHaveText(`"${firstText}" moved to position 2 of ${await items.count()}.`);
  await page.keyboard.press("Alt+ArrowDown");
  await expect(items.nth(2)).toContainText(firstText);
  // The buttons do the same, and say what they move.
  await page.getByRole("button", { name: `Move "${firstText}" up` }).click();
  await expect(items.nth(1)).toContainText(firstText);
  await expectSaved(page);
  await page.setViewportSize({ width: 1280, height: 1100 });
  await list.scrollIntoViewIfNeeded();
  await list.screenshot({ path: `${SHOTS}/practice-ordering.png` });
  await page.reload();
  await expect(items.nth(1)).toContainText(firstText);
});

test("autosave says when it cannot save, keeps retrying, and catches up", async ({ page }) => {
  const attempt = await startAttempt(page.request, "beginner");
  const right = rightAnswers(attempt.id);
  await page.goto(`/practice/${attempt.id}`);
  let refused = 0;
  await page.route(`**/api/v1/attempts/${attempt.id}/answers`, async (route) => {
    refused++;
    await route.fulfill({ status: 503, contentType: "application/json", body: "{}" });
  });
  await blank(page, "first-visit/dns.query@laptop/dst").fill(right["first-visit/dns.query@laptop/dst"] as string);
  await expect(saveStatus(page)).toHaveText("Not saved: retrying");
  await page.screenshot({ path: `${SHOTS}/practice-save-retrying.png`, clip: (await page.getByTestId("save-status").locator("..").boundingBox()) ?? undefined });
  expect(refused).toBeGreaterThan(0);
  await page.unroute(`**/api/v1/attempts/${attempt.id}/answers`);
  await expectSaved(page);
  await page.reload();
  await expect(blank(page, "first-visit/dns.query@laptop/dst")).toHaveValue(right["first-visit/dns.query@laptop/dst"] as string);
});

test("a guest (no account) can practise and submit", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("account-menu")).toContainText("Sign in");
  const attempt = await startAttempt(page.request, "beginner");
  const right = rightAnswers(attempt.id);
  await page.goto(`/practice/${attempt.id}`);
  await blank(page, "first-visit/dns.query@laptop/dst").fill(right["first-visit/dns.query@laptop/dst"] as string);
  await blank(page, "first-visit/tcp.syn@laptop/dst").fill(right["first-visit/tcp.syn@laptop/dst"] as string);
  await expectSaved(page);
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByTestId("results")).toBeVisible();
  await expect(page.getByTestId("score")).toContainText(`2 of ${maxScore(attempt.id)} points`);
  await page.screenshot({ path: `${SHOTS}/practice-guest-results.png` });
});
