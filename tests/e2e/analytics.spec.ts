/**
 * Issue 12 in the browser, on a seeded class whose homework was taken on a changed copy of a
 * scenario (tests/e2e/support/seed-analytics-class.ts): the instructor reads the misconception view,
 * runs a dry-run regrade against the catalogue's current content and applies it, downloads the
 * gradebook CSV; the student whose score the regrade raised reads why on their results.
 */
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { runSeedScript, signInWithPassword } from "./support/seeded-class";

interface Seeded {
  password: string;
  courseId: string;
  assessmentId: string;
  instructor: { email: string };
  students: { email: string; name: string }[];
  annAttempt: string;
  benAttempt: string;
  cyAttempt: string;
}

let seeded: Seeded;

test.beforeAll(() => {
  seeded = runSeedScript<Seeded>("seed-analytics-class.ts");
});

const signIn = (page: Page, email: string) => signInWithPassword(page, email, seeded.password);

test("the instructor reads the misconceptions, regrades after a content change, and downloads the gradebook", async ({ page }) => {
  await signIn(page, seeded.instructor.email);
  const course = `/teach/courses/${seeded.courseId}`;

  await page.goto(`${course}/misconceptions`);
  const rules = page.getByTestId("misconception");
  await expect(rules).toHaveCount(2);
  await expect(page.getByRole("heading", { level: 3, name: "snat" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "nacl-stateless" })).toBeVisible();
  // Each misconception links to an attempt that shows it.
  const example = rules.filter({ hasText: "snat" }).getByRole("link", { name: /Cy Cole/ });
  await expect(example).toHaveAttribute("href", `${course}/gradebook/attempts/${seeded.cyAttempt}`);

  await page.goto(`${course}/assessments/${seeded.assessmentId}/regrade`);
  await expect(page.getByTestId("regrade-summary")).toHaveText(/^3 graded attempts; [1-3] would change score\.$/);
  const ben = page.getByTestId("regrade-row").filter({ hasText: "Ben Baker" });
  await expect(ben).toContainText("the expected answer changed from DENIED_BY_NETWORK_ACL");
  await expect(ben.getByRole("checkbox")).toBeChecked();
  await page.getByLabel("Why (students read this with their new score)").fill("The ACL in the scenario was fixed");
  await page.getByRole("button", { name: "Apply the regrade" }).click();
  await expect(page.getByTestId("regrade-applied")).toContainText("scores changed");
  await expect(page.getByTestId("regrade-applied")).toContainText("lower scores kept");

  await page.goto(`${course}/exports`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-gradebook").click()]);
  const file = await download.path();
  const csv = fs.readFileSync(file, "utf8");
  const [header, ...rows] = csv.trim().split(/\r?\n/);
  expect(header).toContain("NAT homework");
  expect(rows).toHaveLength(3);
  // Ben's counted score after the regrade, in percent.
  expect(rows.find((r) => r.includes(seeded.students[1]!.email))).toMatch(/,100$/);
});

test("the student the regrade raised reads the new score and why", async ({ page }) => {
  await signIn(page, seeded.students[1]!.email);
  await page.goto(`/courses/${seeded.courseId}/attempts/${seeded.benAttempt}`);
  await expect(page.getByTestId("attempt-score")).toContainText("10 of 10 points");
  await expect(page.getByTestId("score-notices")).toContainText("The ACL in the scenario was fixed");
});
