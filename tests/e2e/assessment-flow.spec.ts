/**
 * Issue 10's flow in Chromium. The instructor's part (course, two students, an exam of two zones,
 * published) is seeded in the database through the real publishAssessment (support/seed-exam.ts):
 * the course and builder pages live on other branches. Then: student A takes the exam, saves an
 * answer and leaves it to the deadline: the server submits the saved answers ("time is up"); while
 * A's exam runs, the simulator refuses A (423 exam_in_progress); student B, with a 1.5x time
 * factor, gets 45 s instead of 30 s and submits later; feedback beyond the score appears only after
 * the close; a student of another course gets 404 on every page and route of the course.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { type Browser, expect, type Page, test } from "@playwright/test";

const PASSWORD = "correct horse battery staple";
const LIMIT_MINUTES = 0.5;
const CLOSE_IN_SECONDS = 100;

async function signUp(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("button", { name: "Sign out" }).first()).toBeAttached();
  return page;
}

function seed(input: object): { courseId: string; otherCourseId: string; assessmentId: string } {
  const dir = process.env.E2E_DATA_DIR!;
  const out = execFileSync(path.join("node_modules", ".bin", "tsx"), ["--conditions=react-server", "tests/e2e/support/seed-exam.ts"], {
    env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "e2e.db")}`, SEED_EXAM: JSON.stringify(input) }, encoding: "utf8",
  });
  return JSON.parse(out) as { courseId: string; otherCourseId: string; assessmentId: string };
}

test("an exam: timed on the server, auto-submitted, locked, feedback after close, 404 outside", async ({ browser }) => {
  test.setTimeout(300_000);
  const tag = Date.now().toString(36);
  const emails = { instructor: `teach-${tag}@example.test`, a: `a-${tag}@example.test`, b: `b-${tag}@example.test`, outsider: `out-${tag}@example.test` };
  const pages = { instructor: await signUp(browser, emails.instructor), a: await signUp(browser, emails.a), b: await signUp(browser, emails.b), outsider: await signUp(browser, emails.outsider) };
  const fx = seed({ instructor: emails.instructor, students: [{ email: emails.a }, { email: emails.b, timeFactor: 1.5 }], outsider: emails.outsider, limitMinutes: LIMIT_MINUTES, closeInSeconds: CLOSE_IN_SECONDS });
  const closesAt = Date.now() + CLOSE_IN_SECONDS * 1000;

  // Student A: the course lists the exam as open; the rules page shows 0.5 minutes; start.
  const a = pages.a;
  await a.goto(`/courses/${fx.courseId}`);
  await expect(a.getByTestId("course-assessments").getByRole("link", { name: "Midterm exam" })).toBeVisible();
  await a.getByRole("link", { name: "Midterm exam" }).click();
  await expect(a.getByTestId("time-limit")).toContainText("0.5 minutes");
  await a.getByRole("button", { name: "Start" }).click();
  await expect(a.getByTestId("countdown")).toContainText("Time left");
  const attemptA = a.url().split("/attempts/")[1]!;
  const firstBlank = a.locator("input[data-blank]").first();
  await firstBlank.fill("10.1.2.3");
  await firstBlank.blur();
  await expect(a.getByTestId("save-status").first()).toHaveText("Saved");

  // The exam lock: the simulator and the practice pages refuse A meanwhile.
  const simulate = await a.request.post("/api/v1/simulate", { data: { scenarioId: "browser-to-google", seed: 1 } });
  expect(simulate.status()).toBe(423);
  expect((await simulate.json()).error.code).toBe("exam_in_progress");
  const elsewhere = await a.context().newPage();
  await elsewhere.goto("/drills");
  await expect(elsewhere.getByTestId("exam-lock")).toContainText("Midterm exam");
  await elsewhere.close();

  // Student B (1.5x): 45 s from their start.
  const b = pages.b;
  await b.goto(`/courses/${fx.courseId}/assessments/${fx.assessmentId}`);
  await expect(b.getByTestId("time-limit")).toContainText("0.8 minutes");
  await expect(b.getByTestId("time-limit")).toContainText("1.5x");
  const startedB = Date.now();
  await b.getByRole("button", { name: "Start" }).click();
  await expect(b.getByTestId("countdown")).toContainText("Time left");
  const stateB = await (await b.request.get(`/api/v1/assessment-attempts/${b.url().split("/attempts/")[1]}?fields=clock`)).json();
  expect(Date.parse(stateB.deadline) - startedB).toBeGreaterThan(40_000);

  // The outsider: 404 on the course, the exam, A's attempt and its API.
  for (const url of [`/courses/${fx.courseId}`, `/courses/${fx.courseId}/assessments/${fx.assessmentId}`, `/courses/${fx.courseId}/attempts/${attemptA}`]) {
    expect((await pages.outsider.goto(url))?.status(), url).toBe(404);
  }
  expect((await pages.outsider.request.get(`/api/v1/assessment-attempts/${attemptA}`)).status()).toBe(404);
  expect((await pages.outsider.request.post("/api/v1/assessment-attempts", { data: { assessmentId: fx.assessmentId } })).status()).toBe(404);

  // A's time runs out: the page reloads after the grace with what the server submitted.
  await expect(a.getByTestId("time-up")).toBeVisible({ timeout: 90_000 });
  await expect(a.getByTestId("attempt-results")).toHaveAttribute("data-parts", "score");
  expect((await a.request.post("/api/v1/simulate", { data: { scenarioId: "browser-to-google", seed: 1 } })).status()).toBe(200);

  // B submits before their later deadline.
  b.once("dialog", (d) => void d.accept());
  await b.getByTestId("submit-attempt").click();
  await expect(b.getByTestId("attempt-results")).toBeVisible();
  await expect(b.getByText(/^Submitted at/)).toBeVisible();

  // After the close (+ grace): correctness and expected values appear for A.
  await a.waitForTimeout(Math.max(0, closesAt + 12_000 - Date.now()));
  await a.reload();
  await expect(a.getByTestId("attempt-results")).toHaveAttribute("data-parts", "score correctness expected misconceptions journey");
  await expect(a.getByText("10.1.2.3").first()).toBeVisible();
});
