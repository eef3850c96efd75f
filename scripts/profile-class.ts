/**
 * `npm run profile:class -- [--students 40] [--seeds 20] [--inline] [--json]`: what one student
 * costs the server in CPU time, in process, without HTTP or a build: the CPU pieces of a question (variant, simulation, answer key,
 * student sheet, diagram, grading) per scenario of the bench exam, then each step of a class taking
 * it through the real services on a fresh SQLite file (start, first state load, a save, submit with
 * grading), one request at a time so each figure is the step's own cost, not a queue. With more
 * than 128 students the answer keys built at the state loads are gone from the key cache (256)
 * by the submits, as in a class of 500.
 * `--inline` keeps the questions' views and gradings on the calling thread (their whole cost);
 * without it they run on the assessment pool as the app serves them.
 * A quick before/after check for bench:class (which needs a production build and minutes).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { AssessmentSchema } from "../lib/assessment/schema";
import { buildAnswerKey, gradeAnswers, modelAnswers } from "../lib/grader";
import { simulate, variantOf } from "../lib/simulate";
import { seedFingerprint } from "../lib/scenario/fingerprint";
import { createDb, setDbForTests } from "../lib/server/db";
import { resolveDatabaseTarget } from "../lib/server/database-target";
import { diagramFor, getScenario } from "../lib/server/catalogue";
import { startAttempt, saveAttemptAnswers, submitAttempt } from "../lib/server/assessments/attempts";
import { publishAssessment } from "../lib/server/assessments/publish";
import { studentAttempt } from "../lib/server/assessments/student-view";
import { runQuestionViewJob } from "../lib/server/assessments/question-jobs";
import { resetQuestionWorkForTests } from "../lib/server/assessments/question-work";
import { closeSimulationPool } from "../lib/server/simulation-pool/pool";
import { wholeNumberOption } from "./lib/options";
import { deployMigrations } from "./lib/setup.mjs";

const SCENARIOS = ["aws-private-subnet-nat", "two-offices-same-subnet", "ssh-via-bastion"] as const;

const stats = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 100) / 100;
  return { n: s.length, p50_ms: at(50), p90_ms: at(90), max_ms: at(100), mean_ms: Math.round((s.reduce((a, b) => a + b, 0) / s.length) * 100) / 100 };
};

/**
 * Records the CPU time the process spent on `f` (user + system, all threads): on a shared machine
 * wall time mostly measures the neighbours. Pieces and steps run one at a time, so it is theirs.
 */
async function timed<T>(into: number[], f: () => Promise<T> | T): Promise<T> {
  const t = process.cpuUsage();
  const r = await f();
  const d = process.cpuUsage(t);
  into.push((d.user + d.system) / 1000);
  return r;
}

/** The CPU pieces of one question, per scenario, over `seeds` fresh seeds (no cache involved). */
async function pieces(seeds: number) {
  const out: Record<string, Record<string, ReturnType<typeof stats>>> = {};
  for (const id of SCENARIOS) {
    const found = getScenario(id);
    if (!found) throw new Error(`no scenario ${id}`);
    const t: Record<string, number[]> = { variant: [], fingerprint: [], simulate: [], answerKey: [], studentView: [], diagram: [], grade: [] };
    for (let i = 0; i < seeds; i++) {
      // Every piece on seeds of its own: variants are memoised per seed, so a shared seed would flatter the later pieces.
      const fresh = (k: number) => 900_000 + (i * 8 + k) * 7919;
      const salt = randomBytes(24).toString("base64url");
      await timed(t.variant!, () => variantOf(found.scenario, fresh(0)));
      await timed(t.fingerprint!, () => seedFingerprint(found.scenario, fresh(1)));
      await timed(t.simulate!, () => simulate(found.scenario, { seed: fresh(2) }));
      const key = await timed(t.answerKey!, () => buildAnswerKey(found.scenario, fresh(3), "beginner", { salt }));
      await timed(t.studentView!, () => runQuestionViewJob({ scenario: found.scenario, seed: fresh(4), difficulty: "beginner", salt }));
      await timed(t.diagram!, () => diagramFor(found.scenario, fresh(5)));
      await timed(t.grade!, () => gradeAnswers(key, modelAnswers(key), found));
    }
    out[id] = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, stats(v)]));
  }
  return out;
}

async function classSteps(students: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hopwise-profile-class-"));
  const url = `file:${path.join(dir, "class.db")}`;
  const db = createDb(resolveDatabaseTarget({ DATABASE_URL: url }));
  try {
    await deployMigrations({ ...process.env, DATABASE_URL: url });
    setDbForTests(db);
    const now = Date.now();
    const instructor = await db.user.create({ data: { email: `i-${randomBytes(4).toString("hex")}@profile.test`, role: "instructor" } });
    const course = await db.course.create({ data: { title: "Profile", code: "P-1", joinCode: randomBytes(6).toString("hex"), createdById: instructor.id } });
    const definition = AssessmentSchema.parse({
      id: "profile-exam", title: "Profile exam", kind: "exam", variants: "per-student",
      zones: [
        { title: "Part 1", choose: 1, alternatives: [{ scenario: SCENARIOS[0], difficulty: "beginner", points: 10 }] },
        { title: "Part 2", choose: 1, alternatives: [{ scenario: SCENARIOS[1], difficulty: "beginner", points: 10 }, { scenario: SCENARIOS[2], difficulty: "beginner", points: 10 }] },
      ],
      access: { release: new Date(now - 60_000).toISOString(), close: new Date(now + 120 * 60_000).toISOString(), timeLimitMinutes: 60, attempts: 1 },
    });
    const assessment = await db.assessment.create({ data: { courseId: course.id, slug: definition.id, title: definition.title, kind: "exam", definition, secret: randomBytes(24).toString("base64url") } });
    const published = await publishAssessment(assessment.id, instructor.id, new Date(now));
    if (!published.ok) throw new Error(published.message);
    const t: Record<string, number[]> = { start: [], firstState: [], laterState: [], save: [], submit: [] };
    // In the order of a class (everyone starts, loads, saves, then submits), one request at a time:
    // caches see what they would see in a class (a submit does not find the key its state load made).
    const users = [];
    for (let i = 0; i < students; i++) users.push(await db.user.create({ data: { email: `s${i}-${randomBytes(3).toString("hex")}@profile.test` } }));
    const attempts: string[] = [];
    for (const user of users) {
      const started = await timed(t.start!, () => startAttempt({ assessmentId: assessment.id, userId: user.id, timeFactor: 1 }, Date.now()));
      if (!started.ok) throw new Error(`start refused: ${started.reason}`);
      attempts.push(started.attemptId);
    }
    const blanksOf = new Map<string, (readonly [string, string])[]>();
    for (const id of attempts) {
      const view = await timed(t.firstState!, () => studentAttempt(id, Date.now()));
      blanksOf.set(id, view!.questions.flatMap((q) => q.sheet.flows.flatMap((f) => f.rows.flatMap((r) => r.blanks.map((b) => [q.slot, b.id] as const)))));
    }
    for (const id of attempts) await timed(t.laterState!, () => studentAttempt(id, Date.now()));
    for (let k = 0; k < 3; k++) {
      for (const [i, id] of attempts.entries()) {
        const answers: Record<string, Record<string, string>> = {};
        for (const [slot, blank] of blanksOf.get(id)!.slice(k * 3, k * 3 + 3)) (answers[slot] ??= {})[blank] = `10.0.${k}.${i % 250}`;
        const saved = await timed(t.save!, () => saveAttemptAnswers(id, answers, Date.now()));
        if (!saved.ok) throw new Error(`save refused: ${saved.reason}`);
      }
    }
    for (const id of attempts) {
      const submitted = await timed(t.submit!, () => submitAttempt(id, Date.now()));
      if (!submitted.ok) throw new Error(`submit refused: ${submitted.reason}`);
    }
    return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, stats(v)]));
  } finally {
    setDbForTests(undefined);
    await db.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const { values } = parseArgs({ options: { json: { type: "boolean" }, students: { type: "string" }, seeds: { type: "string" }, inline: { type: "boolean" } } });
  // --inline: the questions' views and gradings on this thread (the cost of the work itself); else on the pool, as served.
  resetQuestionWorkForTests({ runInline: values.inline === true });
  const students = wholeNumberOption("--students", values.students, 40, 1, 1000);
  const seeds = wholeNumberOption("--seeds", values.seeds, 20, 1, 1000);
  const result = { meta: { date: new Date().toISOString(), questionWork: values.inline ? "inline" : "pool", load_average_1m: os.loadavg()[0], cpus: os.cpus().length, node: process.version, students, seeds }, pieces: await pieces(seeds), steps: await classSteps(students) };
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else {
    console.log(`hopwise profile:class  ${result.meta.date}  load ${result.meta.load_average_1m?.toFixed(2)}  (${students} students, ${seeds} seeds)`);
    for (const [scenario, p] of Object.entries(result.pieces)) for (const [k, v] of Object.entries(p)) console.log(`${`${scenario} ${k}`.padEnd(44)} cpu p50 ${String(v.p50_ms).padStart(8)} ms  p90 ${String(v.p90_ms).padStart(8)} ms`);
    for (const [k, v] of Object.entries(result.steps)) console.log(`${`step ${k}`.padEnd(44)} cpu p50 ${String(v.p50_ms).padStart(8)} ms  p90 ${String(v.p90_ms).padStart(8)} ms  mean ${String(v.mean_ms).padStart(8)} ms`);
  }
}

main().then(() => closeSimulationPool()).then(() => process.exit(0), (e: unknown) => {
  process.stderr.write(`profile:class: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
