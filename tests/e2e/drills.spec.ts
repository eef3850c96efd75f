import { expect, type Page, test } from "@playwright/test";
import { answerKey } from "../../lib/drills/grade";
import type { DrillKind } from "../../lib/drills/types";

const SHOTS = "tests/e2e/screenshots";
const PASSWORD = "a long enough password";

/** The drill on the page and its answers (the page carries the drill's id, "<kind>-<seed>"). */
async function currentDrill(page: Page): Promise<{ kind: DrillKind; seed: number; answers: Record<string, string> }> {
  const id = await page.getByTestId("drill").getAttribute("data-drill-id");
  const match = /^([a-z-]+)-(\d+)$/.exec(id ?? "");
  if (!match) throw new Error(`unexpected drill id ${id}`);
  const kind = match[1] as DrillKind;
  const seed = Number(match[2]);
  return { kind, seed, answers: answerKey(seed, kind) };
}

/** Fills every text blank (a subnet-facts drill has only text blanks). */
async function fillText(page: Page, answers: Record<string, string>) {
  for (const [id, value] of Object.entries(answers)) await page.locator(`#blank-${id}`).fill(value);
}

/** A different, well-formed answer for a blank of a subnet-facts drill. */
function wrong(id: string, right: string): string {
  if (id === "usable-hosts") return String(Number(right) + 2);
  if (right === "none") return "10.0.0.0";
  const octets = right.split(".").map(Number);
  octets[3] = (octets[3]! + 1) % 256;
  return octets.join(".");
}

test("answer one drill right and one wrong, and see both verdicts", async ({ page }) => {
  await page.goto("/drills?kind=subnet-facts");
  await expect(page.getByRole("heading", { level: 1, name: "Addressing drills" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Kind" }).getByRole("link", { name: "Subnet facts" })).toHaveAttribute("aria-current", "true");
  const first = await currentDrill(page);
  expect(first.kind).toBe("subnet-facts");
  await page.screenshot({ path: `${SHOTS}/drills.png`, fullPage: true });

  await fillText(page, first.answers);
  await page.getByRole("button", { name: "Check answers" }).click();
  const result = page.getByTestId("drill-result");
  await expect(result).toHaveText(`5 of 5 right. Well done.`);
  for (const id of Object.keys(first.answers)) await expect(page.getByTestId(`verdict-${id}`)).toHaveAttribute("data-correct", "true");
  await expect(page.getByTestId("drill-tally")).toContainText("Drills answered1");
  await page.screenshot({ path: `${SHOTS}/drills-right.png`, fullPage: true });

  await page.getByRole("button", { name: "Next drill" }).click();
  await expect(page.getByRole("button", { name: "Check answers" })).toBeVisible();
  const second = await currentDrill(page);
  expect(second.seed).not.toBe(first.seed);
  const answers = { ...second.answers, network: wrong("network", second.answers.network!), "usable-hosts": wrong("usable-hosts", second.answers["usable-hosts"]!) };
  await fillText(page, answers);
  await page.keyboard.press("Enter");
  await expect(result).toHaveText("3 of 5 right.");
  const network = page.getByTestId("verdict-network");
  await expect(network).toHaveAttribute("data-correct", "false");
  await expect(network).toContainText(`expected ${second.answers.network}`);
  await expect(page.getByTestId("verdict-broadcast")).toHaveAttribute("data-correct", "true");
  await expect(page.getByTestId("verdict-usable-hosts")).toHaveAttribute("data-correct", "false");
  await expect(page.getByTestId("drill-tally")).toContainText("Drills answered2");
  await expect(page.getByTestId("drill-tally")).toContainText("Blanks right8 / 10");
  await page.screenshot({ path: `${SHOTS}/drills-wrong.png`, fullPage: true });
});

test("a malformed answer gets an inline error as it is typed, and nothing is graded", async ({ page }) => {
  await page.goto("/drills?kind=subnet-facts");
  const network = page.getByRole("textbox", { name: "Network address" });
  await network.fill("192.168.1");
  const error = page.getByTestId("format-error-network");
  await expect(error).toBeVisible();
  await expect(network).toHaveAttribute("aria-invalid", "true");
  await expect(network).toHaveAttribute("aria-describedby", /blank-network-error/);
  await page.screenshot({ path: `${SHOTS}/drills-format-error.png`, fullPage: true });

  await network.press("Enter");
  await expect(network).toBeFocused();
  await expect(page.getByTestId("format-error-broadcast")).toHaveText("Enter an answer.");
  await expect(page.getByTestId("drill-result")).toHaveText("");
  await expect(page.locator("[data-testid^=verdict-]")).toHaveCount(0);

  await network.fill("192.168.1.0");
  await expect(error).toHaveCount(0);
});

test("keyboard only: answer with Tab and Enter, then Enter again for the next drill", async ({ page }) => {
  await page.goto("/drills?kind=subnet-facts");
  const { answers } = await currentDrill(page);
  const first = page.locator("#blank-network");
  for (let i = 0; i < 30 && !(await first.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(first).toBeFocused();
  const ids = Object.keys(answers);
  for (const [i, id] of ids.entries()) {
    await page.keyboard.type(answers[id]!);
    if (i < ids.length - 1) await page.keyboard.press("Tab");
  }
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("drill-result")).toHaveText("5 of 5 right. Well done.");
  const next = page.getByRole("button", { name: "Next drill" });
  await expect(next).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/drills-keyboard.png`, fullPage: true });
  const before = await page.getByTestId("drill").getAttribute("data-drill-id");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("drill")).not.toHaveAttribute("data-drill-id", before!);
  await expect(page.locator("#blank-network")).toBeFocused();
});

test("a multiple-choice drill is answered with the radio buttons", async ({ page }) => {
  await page.goto("/drills?kind=classful-class");
  const { answers } = await currentDrill(page);
  await page.getByRole("radio", { name: `Class ${answers.class}` }).check();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("verdict-class")).toHaveAttribute("data-correct", "true");
});

test("progress: a guest's drills show on /me, and stay with the account they sign up for", async ({ page }) => {
  await page.goto("/drills?kind=classful-class");
  const { answers } = await currentDrill(page);
  await page.getByRole("radio", { name: `Class ${answers.class}` }).check();
  await page.getByRole("button", { name: "Check answers" }).click();
  await expect(page.getByTestId("verdict-class")).toBeVisible();

  await page.goto("/me");
  await expect(page.getByTestId("guest-prompt")).toContainText("Keep your progress");
  await expect(page.getByTestId("drill-summary")).toContainText("1 drill answered");

  const email = `drills-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  await page.getByTestId("guest-prompt").getByRole("link", { name: "Sign up" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Progress" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { level: 1, name: "Your progress" })).toBeVisible();
  await expect(page.getByTestId("drill-summary")).toContainText("1 drill answered");
  await expect(page.getByTestId("drill-stats")).toContainText("Classful class");
  await expect(page.getByTestId("practise-next")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/progress.png`, fullPage: true });

  const api = await page.request.get("/api/v1/me/progress");
  expect(api.status()).toBe(200);
  expect(((await api.json()) as { drills: { drills: number } }).drills.drills).toBe(1);
});

test("the progress API is only for signed-in learners", async ({ request }) => {
  const response = await request.get("/api/v1/me/progress");
  expect(response.status()).toBe(401);
});

test.describe("explain any typed address", () => {
  for (const width of [1280, 390]) {
    test(`at ${width} px: type an address, see network and broadcast; bad input shows the error`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/drills");
      const field = page.getByLabel("Address and prefix");
      await field.fill("10.37.200.9/22");
      await field.press("Enter");
      await expect(page.getByTestId("fact-network")).toContainText("10.37.200.0");
      await expect(page.getByTestId("fact-broadcast")).toContainText("10.37.203.255");
      await expect(page.getByTestId("fact-usable-hosts")).toContainText("1,022");
      await expect(page.getByTestId("fact-category")).toContainText("Private (RFC 1918)");
      await expect(page.getByTestId("explain-error")).toHaveCount(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      if (width === 390) await page.screenshot({ path: `${SHOTS}/drills-explain-390.png`, fullPage: true });

      await page.getByLabel("Address and prefix").fill("10.0.0.1 255.0.255.0");
      await page.getByRole("button", { name: "Explain" }).click();
      await expect(page.getByTestId("explain-error")).toContainText("not a netmask");
      await expect(page.getByLabel("Address and prefix")).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByTestId("explanation")).toHaveCount(0);
    });
  }
});
