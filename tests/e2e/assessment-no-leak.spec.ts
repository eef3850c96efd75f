/**
 * Issue 10's feedback visibility in the browser: an exam whose every feedback part (score,
 * correctness, expected values, misconceptions, journey) waits for the close date
 * (support/seed-no-leak-exam.ts). The student takes it in Chromium, and while it runs, then again
 * after submitting (before the close), we record everything the browser receives (every response
 * body: HTML with its RSC payload, RSC fetches, JSON, scripts and stylesheets; event streams; the
 * DOM, cookies, localStorage and sessionStorage) and try what a curious student would: the study
 * routes with the exam's own seeds and public ones, the practice and trace APIs with the ids the
 * page shows, the staff routes and pages. None of it may carry an expected value of the student's
 * questions (computed here from the stored seeds and frozen content: support/exam-secrets.ts),
 * except values the questions show as given facts; no seed, option salt, fingerprint or draw secret
 * may appear at all. Then the close date passes (moved in the database) and the same pages show
 * the expected values: the scan finds them once they are allowed, so it is live.
 */
import { type APIRequestContext, type APIResponse, expect, type Page, test } from "@playwright/test";
import { GRACE_MS } from "../../lib/assessment/deadline";
import { leaks } from "../helpers/leaks";
import { containsSecret, readEventStream, recordResponses, snapshot, type Received, type Recording } from "./support/browser-record";
import { examAttemptSecrets, examQuestionSeeds, moveAssessmentClose, type ExamAttemptSecrets } from "./support/exam-secrets";
import { runSeedScript, signInWithPassword } from "./support/seeded-class";

interface Seeded {
  password: string;
  courseId: string;
  assessmentId: string;
  student: { email: string };
}

/** What the student types: a wrong answer, so that no typed value is an expected one. */
const TYPED = "203.0.113.77";
const PUBLIC_SEEDS = [0, 7, 9_999];
/** How long ago the close is moved to: past the server's grace after a close, with a margin. */
const AFTER_CLOSE_MS = GRACE_MS + 5_000;
/** Refusals: not found, not allowed, locked by the exam, or a seed outside the public range. */
const REFUSED = [401, 403, 404, 409, 422, 423];

let seeded: Seeded;
test.beforeAll(() => {
  seeded = runSeedScript<Seeded>("seed-no-leak-exam.ts");
});

/** Routes a curious student might try with what the page shows (ids) or what they guessed (the seeds); each must be refused or say nothing. */
async function probeOwnIds(rec: Recording, req: APIRequestContext, page: Page, ids: { courseId: string; assessmentId: string; attemptId: string }) {
  const { courseId, assessmentId, attemptId } = ids;
  const refused: [string, () => Promise<{ status(): number }>][] = [
    ["practice API on the attempt id", () => rec.call("GET /attempts/:attemptId", () => req.get(`/api/v1/attempts/${attemptId}`))],
    ["trace of the attempt id", () => rec.call("GET /attempts/:attemptId/trace", () => req.get(`/api/v1/attempts/${attemptId}/trace`))],
    ...["", "/yaml", "/live", "/effective-rules", "/overrides"].map((sub): [string, () => Promise<{ status(): number }>] =>
      [`staff route GET /assessments/:id${sub}`, () => rec.call(`GET /assessments/:id${sub}`, () => req.get(`/api/v1/assessments/${assessmentId}${sub}`))]),
    // The builder's preview shows variants with their answers; the check simulates every alternative.
    ...["/preview", "/check"].map((sub): [string, () => Promise<{ status(): number }>] =>
      [`staff route POST /assessments/:id${sub}`, () => rec.call(`POST /assessments/:id${sub}`, () => req.post(`/api/v1/assessments/${assessmentId}${sub}`, { data: sub === "/preview" ? { students: ["student 1"] } : { zone: 0, alternative: 0 } }))]),
    ...["gradebook.csv", "fields.csv", "course.json"].map((file): [string, () => Promise<{ status(): number }>] =>
      [`export ${file}`, () => rec.call(`GET export ${file}`, () => req.get(`/api/v1/courses/${courseId}/exports/${file}`))]),
    // A page refuses with a 404, or (a study page during the exam) with the exam-lock notice instead of its content.
    ...[`/teach/courses/${courseId}/gradebook/attempts/${attemptId}`, `/teach/courses/${courseId}/assessments/${assessmentId}`, `/practice/${attemptId}`].map((url): [string, () => Promise<{ status(): number }>] =>
      [`page ${url}`, async () => {
        const response = await rec.call(`GET ${url}`, () => req.get(url));
        return (await response.text()).includes('data-testid="exam-lock"') ? { status: () => 423 } : response;
      }]),
  ];
  const statuses: Record<string, number> = {};
  for (const [label, run] of refused) statuses[label] = (await run()).status();
  // Whatever the attempt's own API is asked, it answers with the attempt as the rules allow.
  for (const query of ["?fields=results", "?fields=questions,results&include=expected", "?slot=z0q0&journey=1"]) {
    await rec.call(`GET /assessment-attempts/:id${query}`, () => req.get(`/api/v1/assessment-attempts/${attemptId}${query}`));
  }
  const stream = await readEventStream(page, `/api/v1/interviews/${attemptId}/events`);
  rec.documents.push(Promise.resolve(stream));
  statuses["event stream on the attempt id"] = stream.status;
  return statuses;
}

/** The study routes on the exam's own seeds (outside the public range) and its frozen text. */
async function probeOwnSeeds(rec: Recording, req: APIRequestContext, attemptId: string) {
  const statuses: Record<string, number> = {};
  for (const q of examQuestionSeeds(attemptId)) {
    const calls: [string, () => Promise<{ status(): number }>][] = [
      ["POST /grade", () => req.post("/api/v1/grade", { data: { scenarioId: q.scenarioId, seed: q.seed, difficulty: "advanced", answers: {} } })],
      ["POST /simulate", () => req.post("/api/v1/simulate", { data: { scenarioId: q.scenarioId, seed: q.seed } })],
      ["POST /simulate inline", () => req.post("/api/v1/simulate", { data: { scenario: q.source, seed: q.seed } })],
      ["GET /sheet", () => req.get(`/api/v1/scenarios/${q.scenarioId}/sheet?seed=${q.seed}&difficulty=advanced`)],
      ["GET /scenarios/:id", () => req.get(`/api/v1/scenarios/${q.scenarioId}?seed=${q.seed}`)],
    ];
    for (const [label, run] of calls) statuses[`${label} ${q.scenarioId} own seed`] = (await rec.call(`${label} ${q.scenarioId} own seed`, run as () => Promise<never>)).status();
  }
  return statuses;
}

/** The study tools on public seeds, as anyone may use them when no exam is running. */
async function probeStudy(rec: Recording, req: APIRequestContext, page: Page, scenarioIds: readonly string[]) {
  const statuses: Record<string, number> = {};
  for (const scenarioId of scenarioIds) {
    for (const seed of PUBLIC_SEEDS) {
      statuses[`POST /grade ${scenarioId} ${seed}`] = (await rec.call(`POST /grade ${scenarioId} ${seed}`, () => req.post("/api/v1/grade", { data: { scenarioId, seed, difficulty: "advanced", answers: {} } }))).status();
      statuses[`POST /simulate ${scenarioId} ${seed}`] = (await rec.call(`POST /simulate ${scenarioId} ${seed}`, () => req.post("/api/v1/simulate", { data: { scenarioId, seed } }))).status();
      statuses[`GET /sheet ${scenarioId} ${seed}`] = (await rec.call(`GET /sheet ${scenarioId} ${seed}`, () => req.get(`/api/v1/scenarios/${scenarioId}/sheet?seed=${seed}&difficulty=advanced`))).status();
    }
    statuses[`POST /attempts ${scenarioId}`] = (await rec.call(`POST /attempts ${scenarioId}`, () => req.post("/api/v1/attempts", { data: { scenarioId, difficulty: "advanced" } }))).status();
  }
  statuses["GET /drills/next"] = (await rec.call("GET /drills/next", () => req.get("/api/v1/drills/next"))).status();
  statuses["POST /interviews"] = (await rec.call("POST /interviews", () => req.post("/api/v1/interviews", { data: { scenarioId: scenarioIds[0] } }))).status();
  await rec.call("GET /me/progress", () => req.get("/api/v1/me/progress"));
  for (const url of ["/drills", `/scenarios/${scenarioIds[0]}`, "/me"]) await page.goto(url);
  return statuses;
}

/** Stops `rec` and reads any event stream the browser opened; returns documents and code. */
async function finish(rec: Recording, page: Page, extra: Received[]) {
  const streams = await Promise.all(rec.streams.map((url) => readEventStream(page, url)));
  const { documents, code } = await rec.stop();
  return { documents: [...documents, ...streams, ...extra], code };
}

/** The feedback keys an attempt's JSON carries beyond the student's own answers: which parts left the server. */
const PART_KEYS = ["score", "earned", "status", "weight", "expected", "reason", "feedback", "provenance", "misconception", "misconceptions", "firstDivergence"];
async function feedbackKeys(response: APIResponse): Promise<string[]> {
  const body = (await response.json()) as { results: { feedback: Record<string, unknown> & { questions: (Record<string, unknown> & { fields: Record<string, unknown>[] })[] } } };
  const { feedback } = body.results;
  const keys = [...Object.keys(feedback), ...feedback.questions.flatMap((q) => [...Object.keys(q), ...q.fields.flatMap((f) => Object.keys(f))])];
  return PART_KEYS.filter((k) => keys.includes(k));
}

/** Each recorded thing that carries an answer (or a secret): empty when nothing leaked. */
function found(received: readonly Received[], blanks: ExamAttemptSecrets["blanks"], secrets: ExamAttemptSecrets, minDigits = 3) {
  return received
    .map((r) => ({ where: r.label, leaks: [...leaks(r.text, blanks, secrets.context, minDigits), ...secrets.hidden.filter((h) => containsSecret([r.text], h)).map(() => "a seed, salt or secret")] }))
    .filter((r) => r.leaks.length > 0);
}

test("an exam's expected values stay on the server while it runs and after submitting, until the close", async ({ page }) => {
  test.setTimeout(240_000);
  const { courseId, assessmentId } = seeded;
  const req = page.request;

  // During the attempt.
  const during = recordResponses(page.context());
  await signInWithPassword(page, seeded.student.email, seeded.password);
  await page.goto(`/courses/${courseId}`);
  await page.goto(`/courses/${courseId}/assessments/${assessmentId}`);
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByTestId("countdown")).toContainText("Time left");
  const attemptPath = new URL(page.url()).pathname;
  const attemptId = attemptPath.split("/attempts/")[1]!;
  const ids = { courseId, assessmentId, attemptId };
  const sections = page.locator("section[data-slot]");
  await expect(sections).toHaveCount(2);
  for (const section of await sections.all()) {
    const blank = section.locator('input[data-blank]:not([type="radio"]):not([type="checkbox"])').first();
    await blank.fill(TYPED);
    await blank.blur();
    await expect(section.getByTestId("save-status")).toHaveText("Saved");
  }
  await page.reload();
  await expect(sections.first().locator("input[data-blank]").first()).toHaveValue(TYPED);
  await during.call("attempt page RSC", () => req.get(attemptPath, { headers: { RSC: "1" } }));
  await during.call("GET /assessment-attempts/:id", () => req.get(`/api/v1/assessment-attempts/${attemptId}`));
  await during.call("GET /assessment-attempts/:id clock", () => req.get(`/api/v1/assessment-attempts/${attemptId}?fields=clock`));
  const secrets = examAttemptSecrets(attemptId);
  const scenarioIds = secrets.questions.map((q) => q.scenarioId);
  // The values searched for: each question has some the student must predict, some only its variant has.
  const searched = secrets.questions.map((q) => ({ q, all: leaks(JSON.stringify(q.blanks), q.blanks, secrets.context), own: leaks(JSON.stringify(q.variantOnly), q.variantOnly, secrets.context) }));
  for (const { q, all, own } of searched) {
    expect(all.length, `${q.scenarioId} has answers to search for`).toBeGreaterThan(3);
    expect(own.length, `${q.scenarioId} has variant-only answers`).toBeGreaterThan(0);
    test.info().annotations.push({ type: `searched in ${q.scenarioId}`, description: `${all.length} values (${own.length} of this variant only)` });
  }
  const ownIdsDuring = await probeOwnIds(during, req, page, ids);
  const ownSeedsDuring = await probeOwnSeeds(during, req, attemptId);
  // With the exam running the study tools are closed, so their answers are scanned like the exam's own.
  const studyDuring = await probeStudy(during, req, page, scenarioIds);
  await page.goto(attemptPath);
  const a = await finish(during, page, await snapshot(page, "during"));

  for (const [label, status] of Object.entries(ownIdsDuring)) expect(REFUSED, label).toContain(status);
  for (const [label, status] of Object.entries({ ...ownSeedsDuring, ...studyDuring })) expect(status, `${label} is locked`).toBe(423);
  expect(a.documents.filter((r) => r.status >= 500).map((r) => r.label)).toEqual([]);
  expect(a.documents.map((d) => d.text).join("").length).toBeGreaterThan(20_000);
  expect(a.code.length).toBeGreaterThan(0);
  // The recording holds what the student typed (the autosave and the page's saved answers): it saw the exam's own data.
  expect(a.documents.filter((r) => containsSecret([r.text], TYPED)).length).toBeGreaterThan(1);
  expect(found(a.documents, secrets.blanks, secrets)).toEqual([]);
  // Scripts and stylesheets are the same for every variant: short numbers there are noise.
  expect(found(a.code, secrets.blanks, secrets, 5)).toEqual([]);

  // After submitting, before the close: nothing of the feedback yet, not even the score.
  const submitted = recordResponses(page.context());
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByTestId("submit-attempt").click();
  await expect(page.getByTestId("attempt-results")).toHaveAttribute("data-parts", "");
  await expect(page.getByTestId("feedback-later")).toContainText("expected values");
  await page.reload();
  await expect(page.getByTestId("attempt-results")).toBeVisible();
  await submitted.call("results page RSC", () => req.get(attemptPath, { headers: { RSC: "1" } }));
  const submittedView = await submitted.call("GET /assessment-attempts/:id", () => req.get(`/api/v1/assessment-attempts/${attemptId}`));
  expect(await feedbackKeys(submittedView)).toEqual([]);
  await page.goto(`/courses/${courseId}/assessments/${assessmentId}`);
  await page.goto(`/courses/${courseId}`);
  const ownIdsAfter = await probeOwnIds(submitted, req, page, ids);
  const ownSeedsAfter = await probeOwnSeeds(submitted, req, attemptId);
  await page.goto(attemptPath);
  const b = await finish(submitted, page, await snapshot(page, "submitted"));
  for (const [label, status] of Object.entries({ ...ownIdsAfter, ...ownSeedsAfter })) expect(REFUSED, label).toContain(status);
  expect(found(b.documents, secrets.blanks, secrets)).toEqual([]);
  expect(found(b.code, secrets.blanks, secrets, 5)).toEqual([]);

  // The lock is lifted: the study tools serve public variants, which share the scenario's own
  // constants with the exam's; only the values of this student's variant count there.
  const study = recordResponses(page.context());
  const studyAfter = await probeStudy(study, req, page, scenarioIds);
  const c = await finish(study, page, []);
  expect(studyAfter["POST /grade browser-to-google 0"]).toBe(200);
  expect(c.documents.filter((r) => r.status >= 500).map((r) => r.label)).toEqual([]);
  expect(found(c.documents, secrets.variantOnly, secrets)).toEqual([]);

  // After the close: the same pages now carry the expected values, and the scan finds them.
  moveAssessmentClose(assessmentId, Date.now() - AFTER_CLOSE_MS);
  const closed = recordResponses(page.context());
  await page.goto(attemptPath);
  await expect(page.getByTestId("attempt-results")).toHaveAttribute("data-parts", "score correctness expected misconceptions journey");
  await closed.call("results page RSC", () => req.get(attemptPath, { headers: { RSC: "1" } }));
  const closedView = await closed.call("GET /assessment-attempts/:id", () => req.get(`/api/v1/assessment-attempts/${attemptId}`));
  expect(await feedbackKeys(closedView)).toEqual(expect.arrayContaining(["score", "earned", "status", "expected", "reason", "firstDivergence", "misconceptions"]));
  const d = await finish(closed, page, await snapshot(page, "closed"));
  for (const label of ["browser: ", "results page RSC", "GET /assessment-attempts/:id", "closed: DOM"]) {
    const texts = d.documents.filter((r) => r.label.startsWith(label)).map((r) => r.text);
    for (const { q, all } of searched) {
      const shown = leaks(texts, q.blanks, secrets.context);
      // Most, not all: HTML writes a NAT entry's arrows as "-&gt;", so there a whole entry is found
      // only through its parts (its sockets), which are searched too (the annotation lists them).
      expect(shown.length, `${label} shows ${q.scenarioId}'s expected values`).toBeGreaterThanOrEqual(Math.ceil(all.length / 2));
      if (label === "closed: DOM") test.info().annotations.push({ type: `shown after the close in ${q.scenarioId}`, description: `${shown.length} of ${all.length} values; not shown: ${all.filter((v) => !shown.includes(v)).join(", ") || "none"}` });
    }
  }
  // Seeds, salts and the draw secret never leave, even then.
  expect(secrets.hidden.filter((h) => containsSecret(d.documents.map((r) => r.text), h))).toEqual([]);
});
