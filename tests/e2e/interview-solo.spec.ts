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
