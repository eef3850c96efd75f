/**
 * The gradebook and live view in Chromium, on a class seeded through the real services
 * (tests/e2e/support/seed-gradebook-class.ts): the instructor opens the gradebook, sorts it, opens
 * an attempt hop by hop, adjusts its score with a note (the ledger shows it), and on the live view
 * sees the student still working and gives them more time.
 */
import { expect, test, type Page } from "@playwright/test";
import { runSeedScript, signInWithPassword } from "./support/seeded-class";

interface Seeded {
  password: string;
  courseId: string;
  assessmentId: string;
  instructor: { email: string };
  students: { email: string; name: string }[];
  annAttempt: string;
}

let seeded: Seeded;

test.beforeAll(() => {
  seeded = runSeedScript<Seeded>("seed-gradebook-class.ts");
});

const signIn = (page: Page, email: string) => signInWithPassword(page, email, seeded.password);

const rowNames = (page: Page) => page.getByTestId("gradebook-row").locator("th").evaluateAll((ths) => ths.map((th) => th.firstChild?.textContent?.trim() ?? ""));

test("the instructor sorts the gradebook, reads an attempt hop by hop and adjusts it with a note", async ({ page }) => {
  await signIn(page, seeded.instructor.email);
  await page.goto(`/teach/courses/${seeded.courseId}/gradebook`);
  await expect(page.getByTestId("gradebook-row")).toHaveCount(3);
  const [ann, ben, cy] = seeded.students;
  await expect(page.locator(`[data-student="${ann!.email}"] [data-testid="gradebook-cell"]`)).toContainText("50 %");
  await expect(page.locator(`[data-student="${ben!.email}"] [data-testid="gradebook-cell"]`)).toContainText("100 %");
  await expect(page.locator(`[data-student="${cy!.email}"] [data-mark="inProgress"]`)).toBeVisible();

  await page.getByTestId("sort-total").click();
  await expect(page).toHaveURL(/sort=total&dir=asc/);
  await page.getByTestId("sort-total").click();
  await expect(page).toHaveURL(/dir=desc/);
  expect(await rowNames(page)).toEqual([ben!.name, ann!.name, cy!.name]);

  await page.locator(`[data-student="${ann!.email}"] [data-testid="gradebook-cell"] a`).click();
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(ann!.name);
  await expect(page.getByTestId("staff-question")).toHaveCount(2);
  const first = page.getByTestId("staff-question").first();
  await expect(first.getByTestId("staff-hop").first()).toBeVisible();
  await expect(first.getByTestId("staff-expected").first()).not.toBeEmpty();
  await expect(page.getByTestId("staff-question").nth(1).getByTestId("staff-verdict").first()).toContainText("Not answered");

  await page.getByTestId("adjust-total-score").fill("15");
  await page.getByTestId("adjust-total-note").fill("Part 2 was answered on paper");
  await page.getByTestId("adjust-total").getByRole("button", { name: "Set total" }).click();
  await expect(page.getByTestId("adjusted-ok")).toBeVisible();
  await expect(page.getByTestId("attempt-score")).toContainText("15 of 20 points");
  await expect(page.locator('[data-testid="ledger-row"][data-kind="adjusted"]')).toContainText("Part 2 was answered on paper");

  await page.goto(`/teach/courses/${seeded.courseId}/gradebook?status=adjusted`);
  await expect(page.getByTestId("gradebook-row")).toHaveCount(1);
  await expect(page.getByTestId("gradebook-cell")).toContainText("75 %");
});

test("the student sees the adjusted score with the instructor's note (the score is released after submit)", async ({ page }) => {
  await signIn(page, seeded.students[0]!.email);
  await page.goto(`/courses/${seeded.courseId}/attempts/${seeded.annAttempt}`);
  await expect(page.getByTestId("student-score-value")).toContainText("15 of 20 points");
  await expect(page.getByTestId("adjustment-notes")).toContainText("Part 2 was answered on paper");
});

test("the live view shows the student still working, and adding time is logged", async ({ page }) => {
  await signIn(page, seeded.instructor.email);
  await page.goto(`/teach/courses/${seeded.courseId}/assessments/${seeded.assessmentId}/live`);
  const cy = page.locator(`[data-testid="live-row"][data-student="${seeded.students[2]!.email}"]`);
  await expect(cy.getByTestId("live-state")).toHaveText("In progress");
  const before = await cy.getByTestId("time-left").textContent();
  await cy.getByTestId("add-minutes").fill("30");
  await cy.getByTestId("add-reason").fill("Fire alarm in the exam room");
  await cy.getByTestId("add-time").click();
  await expect(cy.getByTestId("action-message")).toHaveText("Done.");
  await expect(page.getByTestId("live-audit")).toContainText("Fire alarm in the exam room");
  // "55:12" or "1:25:12": the clock in whole minutes.
  const minutes = (t: string | null) => {
    const parts = (t ?? "0:0").trim().split(":").map(Number);
    return parts.length === 3 ? parts[0]! * 60 + parts[1]! : parts[0]!;
  };
  await expect.poll(async () => minutes(await cy.getByTestId("time-left").textContent())).toBeGreaterThanOrEqual(minutes(before) + 29);
  await expect(page.locator(`[data-testid="live-row"][data-student="${seeded.students[0]!.email}"] [data-testid="live-state"]`)).toHaveText("Submitted");
});
