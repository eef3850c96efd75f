/** A solo mock interview end to end, as a guest: stages one at a time, a paid hint, grading as you go, the report. */
import { expect, test } from "@playwright/test";
import { firstTextBlank } from "./support/interview";

test("a solo interview: start, hint, answer, grade, end, report", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/interviews");
  await page.getByTestId("scenario").selectOption("browser-to-google");
  await page.getByTestId("start-interview").click();
  await expect(page.getByTestId("candidate-room")).toBeVisible();

  await page.getByTestId("start-stage").click();
  await expect(page.getByTestId("current-stage")).toBeVisible();
  await expect(page.getByTestId("stage-timer")).toContainText("left");
  await page.getByRole("button", { name: /Reveal a hint \(costs 5 points\)/ }).click();
  await expect(page.getByTestId("hint")).toHaveCount(1);

  const answer = firstTextBlank(page);
  await answer.fill("192.0.2.254:5353");
  await answer.press("Enter");
  await expect(page.getByTestId("sheet-status")).toHaveText("Saved");
  await page.getByTestId("submit-stage").click();
  await expect(page.getByTestId("stage-verdicts")).toContainText("Graded:");

  await page.getByTestId("end-session").click();
  await page.getByRole("link", { name: "Read your report" }).click();
  await expect(page.getByTestId("interview-report")).toBeVisible();
  await expect(page.getByTestId("report-stage")).toHaveCount(1);
  await expect(page.getByText(/minus 5 for 1 hint/)).toBeVisible();
});

test("a solo interview's what-if follow-up: asked after the stages, answered, graded against the changed trace, in the report", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/interviews");
  await page.getByTestId("scenario").selectOption("browser-to-google");
  await page.getByTestId("start-interview").click();
  await expect(page.getByTestId("candidate-room")).toBeVisible();

  // Run the planned stages without answering: the follow-ups are offered once none is left.
  const start = page.getByTestId("start-stage");
  const askButtons = page.getByTestId("ask-follow-up");
  for (let i = 0; i < 12; i += 1) {
    await expect(start.or(askButtons.first())).toBeVisible();
    if (!(await start.isVisible())) break;
    await start.click();
    await page.getByTestId("submit-stage").click();
    await expect(page.getByTestId("submit-stage")).toHaveCount(0);
  }
  const cgnat = page.getByRole("button", { name: /Follow-up: What if the ISP put the home router behind a carrier-grade NAT/ });
  await cgnat.click();
  await expect(start).toHaveText("Start: Follow-up");
  await start.click();
  await expect(page.getByTestId("current-stage")).toContainText("carrier-grade NAT");

  const answer = firstTextBlank(page);
  await answer.fill("100.64.0.2:10002");
  await answer.press("Enter");
  await expect(page.getByTestId("sheet-status")).toHaveText("Saved");
  await page.getByTestId("submit-stage").click();
  await expect(page.getByTestId("current-stage").getByTestId("stage-verdicts")).toContainText("Graded:");
  // Asked once: the same what-if is not offered again.
  await expect(cgnat).toHaveCount(0);

  await page.getByTestId("end-session").click();
  await page.getByRole("link", { name: "Read your report" }).click();
  const followUp = page.locator('[data-testid="report-stage"][data-origin="follow-up"]');
  await expect(followUp).toHaveCount(1);
  await expect(followUp.getByTestId("follow-up-question")).toContainText("carrier-grade NAT");
  await expect(followUp).toContainText(/\d+ of \d+ points/);
  await expect(followUp).toContainText("100.64.0.2:10002");
});
