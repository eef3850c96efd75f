/**
 * The rough edges a new user hit: a favicon, a guest told where their work lives and brought back
 * to their practice after signing up, a warning before submitting unreadable answers, and results
 * that name the component picked instead of its internal id.
 */
import { expect, test } from "@playwright/test";

const GOOGLE = "browser-to-google";

test("the site has a favicon (no 404 on every page)", async ({ page, request }) => {
  await page.goto("/");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toBeTruthy();
  const icon = await request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
});

test.describe.serial("a guest practising", () => {
  test("is told their work lives in this browser, is warned before submitting an unreadable answer, and returns to the practice after signing up", async ({ page }) => {
    await page.goto("/");
    const created = await page.request.post("/api/v1/attempts", { data: { scenarioId: GOOGLE, difficulty: "beginner" } });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await page.goto(`/practice/${id}`);
    await expect(page.getByTestId("guest-notice")).toContainText("live in this browser");

    const field = page.getByLabel("Destination IP:port, DNS response as it leaves Home router (NAT)");
    await field.fill("192.168.1.300:53");
    await field.press("Tab");
    await expect(page.getByTestId("format-error").first()).toBeVisible();
    let asked = "";
    page.once("dialog", async (dialog) => {
      asked = dialog.message();
      await dialog.dismiss();
    });
    await page.getByTestId("submit").click();
    await expect.poll(() => asked).toMatch(/^1 answer cannot be read \(marked ⚠\) and will score nothing; \d+ blanks? (is|are) empty; submit anyway\?$/);
    await expect(page.getByTestId("answer-form")).toBeVisible(); // dismissed: nothing submitted

    await page.getByTestId("guest-notice").getByRole("link", { name: "Sign up" }).click();
    await expect(page).toHaveURL(/\/sign-up\?callbackUrl=/);
    await page.getByLabel("Email").fill(`guest-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`);
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(new RegExp(`/practice/${id}$`));
    await expect(page.getByTestId("practice-sheet")).toBeVisible();
    await expect(page.getByTestId("guest-notice")).toHaveCount(0);
  });
});

test("results show the component picked by its name, not its internal id", async ({ page }) => {
  await page.goto("/");
  const created = await page.request.post("/api/v1/attempts", { data: { scenarioId: GOOGLE, difficulty: "advanced" } });
  const { id, sheet } = (await created.json()) as { id: string; sheet: { flows: { questions: { blanks: { id: string; options?: { id: string; text: string }[] }[] }[] }[] } };
  const component = sheet.flows.flatMap((f) => f.questions.flatMap((q) => q.blanks)).find((b) => b.id === "typo/outcome/component")!;
  const picked = component.options!.find((o) => o.text !== o.id)!;
  expect((await page.request.put(`/api/v1/attempts/${id}/answers`, { data: { answers: { "typo/outcome/component": picked.id } } })).status()).toBe(200);
  expect((await page.request.post(`/api/v1/attempts/${id}/submit`)).status()).toBe(200);
  await page.goto(`/practice/${id}`);
  const result = page.locator('[data-testid="field-result"][data-blank="typo/outcome/component"]');
  await expect(result.getByTestId("given-value")).toHaveText(picked.text);
});
