/**
 * `npm run bench:gradebook -- --students 500 --assessments 10 [--json] [--postgres URL]`: seeds a
 * fresh database (SQLite in a temp folder unless --postgres names a server) with a course of that
 * many students, each with one graded attempt of two questions on every assessment (results are
 * real gradings, copied per variant to keep seeding fast), then measures the server side of the
 * analytics: the gradebook CSV export (streamed to nowhere), the course-wide misconceptions view,
 * one assessment's statistics view, and the process's peak RSS. Targets: export < 5 s, memory bounded.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { AssessmentSchema } from "@/lib/assessment/schema";
import { buildAnswerKey, gradeAnswers, modelAnswers, storedResult } from "@/lib/grader";
import { getScenario } from "@/lib/server/catalogue";
import { createDb, setDbForTests } from "@/lib/server/db";
import { resolveDatabaseTarget } from "@/lib/server/database-target";
import { gradebookCsv, fieldsCsv } from "@/lib/server/analytics/csv-exports";
import { misconceptionsView, statisticsView } from "@/lib/server/analytics/views";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const STUDENTS = Number(option("students", "500"));
const ASSESSMENTS = Number(option("assessments", "10"));
const JSON_OUT = process.argv.includes("--json");
const POSTGRES = option("postgres", "");
if (!Number.isInteger(STUDENTS) || STUDENTS < 1 || STUDENTS > 20_000 || !Number.isInteger(ASSESSMENTS) || ASSESSMENTS < 1 || ASSESSMENTS > 200) {
  console.error("usage: npm run bench:gradebook -- --students 1..20000 --assessments 1..200 [--json] [--postgres URL]");
  process.exit(2);
}

const ROOT = path.resolve(__dirname, "..");
const log = (m: string) => { if (!JSON_OUT) console.log(m); };

async function main() {
  let url: string;
  let cleanup = () => {};
  if (POSTGRES) {
    url = POSTGRES;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hopwise-bench-"));
    url = `file:${path.join(dir, "bench.db")}`;
    cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  }
  execFileSync(path.join(ROOT, "node_modules/.bin/prisma"), ["migrate", "deploy"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: "ignore" });
  const db = createDb(resolveDatabaseTarget({ DATABASE_URL: url }));
  setDbForTests(db);
  try {
    const seedStart = performance.now();
    // Two questions per attempt: a right and a half-answered grading of each scenario, copied.
    const templates = (["aws-private-subnet-nat", "two-offices-same-subnet"] as const).map((id, zone) => {
      const found = getScenario(id)!;
      const key = buildAnswerKey(found.scenario, 10_000 + zone, "beginner", { salt: "bench" });
      const model = modelAnswers(key);
      const half = Object.fromEntries(Object.entries(model).filter((_, i) => i % 2 === 0));
      return { id, zone, hash: found.contentHash, right: storedResult(gradeAnswers(key, model, found)), half: storedResult(gradeAnswers(key, half, found)) };
    });
    const tag = randomBytes(4).toString("hex");
    const instructor = await db.user.create({ data: { email: `bench-instructor-${tag}@example.test`, name: "Bench instructor" } });
    const course = await db.course.create({ data: { title: "Bench course", code: "BENCH", joinCode: `bench${tag}`, createdById: instructor.id } });
    const users = Array.from({ length: STUDENTS }, (_, i) => ({ id: `bench-${tag}-s${i}`, email: `s${i}-${tag}@example.test`, name: `Student ${i}` }));
    for (let i = 0; i < users.length; i += 500) await db.user.createMany({ data: users.slice(i, i + 500) });
    await db.courseMember.createMany({ data: [{ courseId: course.id, userId: instructor.id, role: "instructor" }, ...users.map((u) => ({ courseId: course.id, userId: u.id, role: "student" }))] });
    const assessmentIds: string[] = [];
    for (let a = 0; a < ASSESSMENTS; a++) {
      const definition = AssessmentSchema.parse({
        id: `hw-${a}`, title: `Homework ${a}`, kind: "homework", access: { attempts: 1 },
        zones: templates.map((t) => ({ title: `Part ${t.zone}`, choose: 1, alternatives: [{ scenario: t.id, difficulty: "beginner", points: 5 }] })),
      });
      const row = await db.assessment.create({ data: { courseId: course.id, slug: definition.id, title: definition.title, kind: "homework", definition, secret: randomBytes(24).toString("base64url"), status: "published", publishedAt: new Date(), contentHashes: Object.fromEntries(templates.map((t) => [t.id, t.hash])) } });
      assessmentIds.push(row.id);
      const at = new Date(Date.UTC(2027, 0, 4 + a * 7, 10));
      for (let i = 0; i < users.length; i += 250) {
        const chunk = users.slice(i, i + 250).map((u, j) => ({ u, n: i + j, id: `bench-${tag}-a${a}-s${i + j}` }));
        const questions = chunk.flatMap(({ n, id }) => templates.map((t) => {
          const result = (n + a + t.zone) % 3 === 0 ? t.half : t.right;
          return { attemptId: id, slot: `z${t.zone}q0`, zone: t.zone, alternative: 0, scenarioId: t.id, difficulty: "beginner", points: 5, seed: 10_000 + t.zone, contentHash: t.hash, engineVersion: result.engineVersion, optionSalt: "bench", variantFingerprint: `${id}-${t.zone}`, result: result as never, score: 5 * result.score / result.maxScore };
        }));
        const scores = new Map<string, number>();
        for (const q of questions) scores.set(q.attemptId, (scores.get(q.attemptId) ?? 0) + q.score);
        await db.assessmentAttempt.createMany({ data: chunk.map(({ u, id }) => ({ id, assessmentId: row.id, userId: u.id, number: 1, status: "submitted", startedAt: new Date(at.getTime() - 1_200_000), submittedAt: at, submittedBy: "student", answers: {}, gradedAt: at, score: scores.get(id)!, maxScore: 10 })) });
        await db.attemptQuestion.createMany({ data: questions });
        await db.attemptEvent.createMany({ data: chunk.flatMap(({ id }) => [
          { attemptId: id, seq: 1, type: "started", at: new Date(at.getTime() - 1_200_000), data: { deadline: null } },
          { attemptId: id, seq: 2, type: "submitted", at, data: {} },
        ]) });
        await db.scoreLedgerEntry.createMany({ data: chunk.map(({ id }) => ({ attemptId: id, kind: "graded", newScore: scores.get(id)!, note: "bench", at })) });
      }
    }
    const seedMs = performance.now() - seedStart;
    log(`seeded ${STUDENTS} students x ${ASSESSMENTS} assessments in ${(seedMs / 1000).toFixed(1)} s`);

    const drain = async (stream: ReadableStream<Uint8Array>) => {
      let bytes = 0;
      for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
      return bytes;
    };
    const time = async <T>(f: () => Promise<T>) => {
      const start = performance.now();
      const value = await f();
      return { ms: Math.round(performance.now() - start), value };
    };
    const rssBefore = process.memoryUsage().rss;
    const gradebook = await time(async () => drain(await gradebookCsv(course.id)));
    const fields = await time(async () => drain(await fieldsCsv(course.id)));
    const statistics = await time(() => statisticsView(course.id, assessmentIds[0]!));
    const misconceptions = await time(() => misconceptionsView(course.id));
    const figures = {
      database: POSTGRES ? "postgres" : "sqlite", students: STUDENTS, assessments: ASSESSMENTS, attempts: STUDENTS * ASSESSMENTS,
      seedSeconds: Math.round(seedMs / 100) / 10,
      gradebookCsvMs: gradebook.ms, gradebookCsvBytes: gradebook.value,
      fieldsCsvMs: fields.ms, fieldsCsvBytes: fields.value,
      statisticsViewMs: statistics.ms, misconceptionsViewMs: misconceptions.ms,
      rssBeforeMeasuringMb: Math.round(rssBefore / 1048576), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      targets: { gradebookCsvUnder5s: gradebook.ms < 5000 },
    };
    if (JSON_OUT) console.log(JSON.stringify(figures, null, 2));
    else for (const [k, v] of Object.entries(figures)) console.log(`${k}: ${typeof v === "object" ? JSON.stringify(v) : v}`);
  } finally {
    setDbForTests(undefined);
    await db.$disconnect();
    cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
