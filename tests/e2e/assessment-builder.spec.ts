/**
 * The assessment builder in the browser: an instructor builds an exam of two zones, previews two
 * students' draws, runs the check, publishes (after which the form is frozen), exports the YAML and
 * re-imports it as a new draft; a broken file shows its line. The course is seeded in the database
 * (tests/e2e/support/course-seed.ts); accounts are made through the sign-up API.
 */
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { seedCourse } from "./support/course-seed";

const PASSWORD = "a long enough password";
const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
const instructor = `teacher-${stamp}@example.com`;
const students = [`ada-${stamp}@example.com`, `bob-${stamp}@example.com`];
let courseId = "";

async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/sign-in/);
}

test.beforeAll(async ({ request }) => {
  for (const email of [instructor, ...students]) {
    const created = await request.post("/api/v1/auth/sign-up", { data: { email, password: PASSWORD } });
    expect(created.ok()).toBe(true);
  }
  courseId = seedCourse(instructor, students, { [students[1]!]: 1.5 });
});

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes[0]?.target.join(" ")}`);
}

test("an instructor builds, previews, checks, publishes, exports and re-imports an exam", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, instructor);
  await page.goto(`/teach/courses/${courseId}/assessments/new`);
  await page.getByLabel("Title", { exact: true }).fill("Midterm exam");
  await expect(page.getByLabel("Id", { exact: true })).toHaveValue("midterm-exam");
  await page.getByLabel("Kind").selectOption("exam");
  await page.getByRole("button", { name: "Create the draft" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /Midterm exam \(draft\)/ })).toBeVisible();
  const builderUrl = page.url();

  expect(await seriousViolations(page)).toEqual([]);

  // Zone 1: two alternatives, one drawn; zone 2: the web. Keyboard and labels only.
  const zone1 = page.getByTestId("zone-0");
  await zone1.getByLabel("Zone title").fill("Part 1: NAT");
  await zone1.getByLabel("Alternative 1: scenario").selectOption("aws-private-subnet-nat");
  await zone1.getByRole("button", { name: "Add an alternative to zone 1" }).click();
  await zone1.getByLabel("Alternative 2: scenario").selectOption("two-offices-same-subnet");
  await page.getByRole("button", { name: "Add a zone" }).click();
  const zone2 = page.getByTestId("zone-1");
  await zone2.getByLabel("Zone title").fill("Part 2: the web");
  await zone2.getByLabel("Alternative 1: scenario").selectOption("browser-to-google");
  await zone2.getByLabel("Difficulty").selectOption("intermediate");
  await zone2.getByLabel("Points").fill("20");

  // An error comes back next to its field, in the schema's words.
  await page.getByLabel("Time limit in minutes (empty: untimed)").fill("");
  await page.getByRole("button", { name: "Save the draft" }).click();
  await expect(page.locator("#access-limit-error")).toContainText("an exam is timed");
  await page.getByLabel("Time limit in minutes (empty: untimed)").fill("45");
  await page.getByRole("button", { name: "Save the draft" }).click();
  await expect(page.getByText("Saved", { exact: false }).first()).toBeVisible();
  await expect(page.locator("#save-problems")).toHaveCount(0);

  // Preview two students of the course.
  await page.getByLabel(students[0]!).check();
  await page.getByLabel(students[1]!).check();
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  const previews = page.getByTestId("preview-student");
  await expect(previews).toHaveCount(2);
  for (const p of await previews.all()) await expect(p.locator("li")).toHaveCount(2);
  await previews.first().locator("summary").first().click();
  await expect(previews.first().getByRole("region", { name: "Network diagram" }).first()).toBeVisible();

  // Check, then publish.
  await page.getByRole("button", { name: "Run the check" }).click();
  await expect(page.getByTestId("check-progress")).toHaveText("3 of 3 alternatives checked", { timeout: 60_000 });
  await expect(page.getByText(/^passed/)).toHaveCount(3);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /\(published\)/ })).toBeVisible();
  await expect(page.getByLabel("Time limit in minutes (empty: untimed)")).toBeDisabled();

  // Export the YAML and import it again as a new draft with another id.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export as YAML" }).click()]);
  const text = fs.readFileSync((await download.path())!, "utf8");
  expect(text).toContain("id: midterm-exam");
  const importer = page.getByLabel("or paste it");
  await importer.fill("id: broken\ntitle: T\nkind: exam\nzones:\n  - title: Z\n    choose: many\n");
  await page.getByRole("button", { name: "Import as a new draft" }).click();
  await expect(page.getByTestId("import-problems")).toContainText("line 6");
  await importer.fill(text.replace("id: midterm-exam", "id: midterm-exam-copy"));
  await page.getByRole("button", { name: "Import as a new draft" }).click();
  await expect(page).not.toHaveURL(builderUrl);
  await expect(page.getByRole("heading", { level: 2, name: /Midterm exam \(draft\)/ })).toBeVisible();
  await expect(page.getByLabel("Id (in the course and the file name)")).toHaveValue("midterm-exam-copy");
  await expect(page.getByTestId("zone-1").getByLabel("Points")).toHaveValue("20");
});

test("overrides: an error next to its field, an override saved, the effective rules with the time factor; usable at 390 px", async ({ page }) => {
  await signIn(page, instructor);
  const created = await page.request.post(`/api/v1/courses/${courseId}/assessments`, {
    data: { definition: { id: "quiz-1", title: "Quiz 1", kind: "exam", zones: [{ title: "Z", choose: 1, alternatives: [{ scenario: "browser-to-google", difficulty: "beginner", points: 5 }] }], access: { timeLimitMinutes: 60, attempts: 1, close: "2027-01-15T11:00:00Z" } } },
  });
  expect(created.status()).toBe(201);
  const { assessment } = await created.json();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/teach/courses/${courseId}/assessments/${assessment.id}/overrides`);
  await page.getByLabel("Student", { exact: true }).selectOption({ label: students[1]! });
  await page.getByLabel("Time limit in minutes (the time factor still applies)").fill("90");
  await page.getByRole("button", { name: "Save the override" }).click();
  await expect(page.locator("#ov-reason-error")).toBeVisible();
  await page.getByLabel("Reason (required)").fill("accommodation letter");
  await page.getByRole("button", { name: "Save the override" }).click();
  await expect(page.getByTestId("override-list")).toContainText("minutes 90");
  await expect(page.getByTestId("override-list")).toContainText("accommodation letter");

  await page.locator("#rules-student").selectOption({ label: `${students[1]!} (time factor 1.5)` });
  await page.getByRole("button", { name: "Show" }).click();
  const limit = page.getByTestId("effective-rules").getByRole("row", { name: /Time limit/ });
  await expect(limit).toContainText("135 minutes");
  await expect(limit).toContainText("(accommodation letter), then course time factor 1.5");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  expect(await seriousViolations(page)).toEqual([]);
});
