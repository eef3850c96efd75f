/**
 * `npm run bench:class -- --students 500 [--json] [--instances 2] [--minutes 3] [--cpu-prof DIR]`: a class taking an
 * exam on loopback against the production build. Seeds (directly in the database) a course, an exam
 * of two zones and the students, each with a session made directly in the database (a session
 * record plus next-auth's encrypted cookie), so scrypt sign-ins stay out of the measurement. Then
 * every student starts within 10 s, loads the attempt's state, autosaves every 15 s for `minutes`
 * (a few more blanks each time, with values unique per save), saves once more and submits within
 * the last 30 s. Prints p50/p99 per action, errors, answers stored versus sent (the last value sent
 * for each blank against the stored one), and double gradings (ledger "graded" entries > 1).
 *
 * One instance: a fresh SQLite file. `--instances 2`: two `next start` processes on their own
 * ports on a fresh PostgreSQL database made on TEST_POSTGRES_URL (or DATABASE_URL), the students
 * split between the ports by their index (even to the first, odd to the second).
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { AssessmentSchema } from "../lib/assessment/schema";
import { createDb, setDbForTests, type Db } from "../lib/server/db";
import { resolveDatabaseTarget } from "../lib/server/database-target";
import { publishAssessment } from "../lib/server/assessments/publish";
import { wholeNumberOption } from "./lib/options";
import { sessionCookieFor } from "./lib/db-session";
import { benchAppEnv, buildAndMigrate, freePort, startApp, stopApp, waitForHealth } from "./lib/app-server";
import { createScratchDatabase, dropScratchDatabase } from "./lib/scratch-postgres.mjs";

const log = (m: string) => process.stderr.write(`${m}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** A throwaway database: a SQLite file, or a new database on the PostgreSQL server. */
async function freshDatabase(provider: "sqlite" | "postgres", dir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (provider === "sqlite") return { url: `file:${path.join(dir, "class.db")}`, drop: async () => {} };
  const admin = process.env.TEST_POSTGRES_URL?.trim() || process.env.DATABASE_URL?.trim();
  if (!admin?.startsWith("postgres")) throw new Error("--instances 2 runs on PostgreSQL: set TEST_POSTGRES_URL (a role that may create databases)");
  const name = `hopwise_bench_class_${Date.now().toString(36)}`;
  const url = await createScratchDatabase(admin, name);
  return { url, drop: () => dropScratchDatabase(admin, name) };
}

interface Student {
  readonly id: string;
  readonly cookie: string;
}

/** Course, exam (time limit: the run plus 2 minutes), students with sessions: straight into the database. */
async function seedClass(db: Db, students: number, minutes: number, secret: string) {
  const now = Date.now();
  const instructor = await db.user.create({ data: { email: `instructor-${randomBytes(4).toString("hex")}@bench.test`, role: "instructor" } });
  const course = await db.course.create({ data: { title: "Bench class", code: "BENCH-1", joinCode: randomBytes(6).toString("hex"), createdById: instructor.id } });
  await db.courseMember.create({ data: { courseId: course.id, userId: instructor.id, role: "instructor" } });
  const definition = AssessmentSchema.parse({
    id: "bench-exam", title: "Bench exam", kind: "exam", variants: "per-student",
    zones: [
      { title: "Part 1", choose: 1, alternatives: [{ scenario: "aws-private-subnet-nat", difficulty: "beginner", points: 10 }] },
      { title: "Part 2", choose: 1, alternatives: [{ scenario: "two-offices-same-subnet", difficulty: "beginner", points: 10 }, { scenario: "ssh-via-bastion", difficulty: "beginner", points: 10 }] },
    ],
    access: { release: new Date(now - 60_000).toISOString(), close: new Date(now + (minutes + 60) * 60_000).toISOString(), timeLimitMinutes: minutes + 2, attempts: 1 },
  });
  const assessment = await db.assessment.create({ data: { courseId: course.id, slug: definition.id, title: definition.title, kind: "exam", definition, secret: randomBytes(24).toString("base64url") } });
  const published = await publishAssessment(assessment.id, instructor.id, new Date(now));
  if (!published.ok) throw new Error(`publishing the bench exam failed: ${published.message}`);
  const out: Student[] = [];
  for (let i = 0; i < students; i++) {
    const email = `student${i}-${randomBytes(3).toString("hex")}@bench.test`;
    const user = await db.user.create({ data: { email } });
    out.push({ id: user.id, cookie: await sessionCookieFor(db, user, secret, now) });
  }
  await db.courseMember.createMany({ data: out.map((s) => ({ courseId: course.id, userId: s.id, role: "student" })) });
  return { assessmentId: assessment.id, students: out };
}

type Action = "start" | "state" | "save" | "submit";
const ACTIONS: readonly Action[] = ["start", "state", "save", "submit"];

class Recorder {
  readonly times: Record<Action, number[]> = { start: [], state: [], save: [], submit: [] };
  readonly errors: Record<Action, number> = { start: 0, state: 0, save: 0, submit: 0 };
  readonly samples: string[] = [];

  async call(action: Action, url: string, init: RequestInit): Promise<Response | null> {
    const t = performance.now();
    try {
      const r = await fetch(url, init);
      this.times[action].push(performance.now() - t);
      if (!r.ok) {
        this.errors[action] += 1;
        if (this.samples.length < 10) this.samples.push(`${action} ${r.status}: ${(await r.text()).slice(0, 200)}`);
        return null;
      }
      return r;
    } catch (error) {
      this.errors[action] += 1;
      if (this.samples.length < 10) this.samples.push(`${action}: ${(error as Error).message}`);
      return null;
    }
  }
}

const percentile = (values: readonly number[], p: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
};

interface SheetBlank { readonly id: string; readonly kind: string }
interface StateBody { readonly questions: readonly { slot: string; sheet: { flows: readonly { rows: readonly { blanks: readonly SheetBlank[] }[]; questions: readonly { blanks: readonly SheetBlank[] }[] }[] } }[] }

/** Every text blank of the attempt, as [slot, blankId] (order and NAT-entry blanks are left out: text is enough to count). */
function textBlanks(state: StateBody): [string, string][] {
  return state.questions.flatMap((q) => q.sheet.flows.flatMap((f) => [...f.rows.flatMap((r) => r.blanks), ...f.questions.flatMap((x) => x.blanks)])
    .filter((b) => b.kind !== "order" && b.kind !== "nat-entry").map((b): [string, string] => [q.slot, b.id]));
}

/** One student: start in the first 10 s, autosave every 15 s, submit in the last 30 s. */
async function takeExam(base: string, assessmentId: string, student: Student, runMs: number, t0: number, rec: Recorder, sent: Map<string, Map<string, string>>) {
  const headers = { "content-type": "application/json", cookie: student.cookie };
  await sleep(t0 + Math.random() * 10_000 - Date.now());
  const started = await rec.call("start", `${base}/api/v1/assessment-attempts`, { method: "POST", headers, body: JSON.stringify({ assessmentId }) });
  if (!started) return;
  const { id } = (await started.json()) as { id: string };
  const stateResponse = await rec.call("state", `${base}/api/v1/assessment-attempts/${id}`, { headers });
  if (!stateResponse) return;
  const blanks = textBlanks((await stateResponse.json()) as StateBody);
  const mine = new Map<string, string>();
  sent.set(id, mine);
  const submitAt = t0 + runMs - 30_000 + Math.random() * 30_000;
  let round = 0;
  let cursor = 0;
  const saveSome = async () => {
    round += 1;
    // A few new blanks each time, and one earlier blank changed, as a student working through the sheet.
    const batch = blanks.slice(cursor, cursor + 4);
    cursor += batch.length;
    if (cursor > 0) batch.push(blanks[Math.floor(Math.random() * cursor)]!);
    const answers: Record<string, Record<string, string>> = {};
    const values: [string, string][] = [];
    for (const [slot, blank] of batch) {
      const value = `10.${round % 250}.${cursor % 250}.${Math.floor(Math.random() * 250)}`;
      (answers[slot] ??= {})[blank] = value;
      values.push([`${slot}/${blank}`, value]);
    }
    const ok = await rec.call("save", `${base}/api/v1/assessment-attempts/${id}/answers`, { method: "PUT", headers, body: JSON.stringify({ answers }) });
    // Only what the server acknowledged counts as sent.
    if (ok) for (const [k, v] of values) mine.set(k, v);
  };
  for (let next = Date.now() + 15_000; next < submitAt; next += 15_000) {
    await sleep(next - Date.now());
    await saveSome();
  }
  await sleep(submitAt - Date.now());
  await saveSome();
  await rec.call("submit", `${base}/api/v1/assessment-attempts/${id}/submit`, { method: "POST", headers });
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { json: { type: "boolean" }, students: { type: "string" }, instances: { type: "string" }, minutes: { type: "string" }, "cpu-prof": { type: "string" } } });
  const students = wholeNumberOption("--students", values.students, 500, 1, 5000);
  const instances = wholeNumberOption("--instances", values.instances, 1, 1, 2);
  const minutes = Number(values.minutes ?? 3);
  if (!(minutes >= 0.75 && minutes <= 30)) throw new Error("--minutes is from 0.75 to 30");
  const provider = instances === 1 ? "sqlite" : "postgres";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hopwise-bench-class-"));
  const database = await freshDatabase(provider, dir);
  const secret = randomBytes(32).toString("base64url");
  const ports = await Promise.all(Array.from({ length: instances }, freePort));
  const env = benchAppEnv(database.url, secret, `http://127.0.0.1:${ports[0]}`);
  const servers: ChildProcess[] = [];
  const db = createDb(resolveDatabaseTarget({ DATABASE_URL: database.url }));
  try {
    await buildAndMigrate(env, log);
    setDbForTests(db);
    log(`seeding a course, an exam and ${students} students with sessions (directly in the ${provider} database)...`);
    const seeded = await seedClass(db, students, minutes, secret);
    // --cpu-prof DIR: the (one) instance writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
    for (const port of ports) servers.push(startApp(port, env, 1, values["cpu-prof"] ? path.resolve(values["cpu-prof"]) : undefined));
    const bases = ports.map((p) => `http://127.0.0.1:${p}`);
    await Promise.all(bases.map((b, i) => waitForHealth(b, servers[i]!)));
    const rec = new Recorder();
    const sent = new Map<string, Map<string, string>>();
    const runMs = minutes * 60_000;
    const t0 = Date.now() + 2_000;
    log(`${students} students on ${instances} instance${instances === 1 ? "" : "s"} (${provider}): start within 10 s, autosave every 15 s, submit in the last 30 s of ${minutes} min...`);
    await Promise.all(seeded.students.map((s, i) => takeExam(bases[i % bases.length]!, seeded.assessmentId, s, runMs, t0, rec, sent)));
    // Submits grade in their own request; anything left is for the sweeper (every 5 s).
    await sleep(6_000);

    const attempts = await db.assessmentAttempt.findMany({ where: { assessmentId: seeded.assessmentId }, select: { id: true, answers: true, status: true, gradedAt: true } });
    let sentCount = 0;
    let storedCount = 0;
    for (const a of attempts) {
      const stored = (a.answers ?? {}) as Record<string, Record<string, unknown>>;
      for (const [key, value] of sent.get(a.id) ?? []) {
        sentCount += 1;
        const [slot, ...rest] = key.split("/");
        if (stored[slot!]?.[rest.join("/")] === value) storedCount += 1;
      }
    }
    const graded = await db.scoreLedgerEntry.groupBy({ by: ["attemptId"], where: { kind: "graded", attempt: { assessmentId: seeded.assessmentId } }, _count: { _all: true } });
    const figures: Record<string, number> = {};
    for (const a of ACTIONS) {
      figures[`class.${a}.requests`] = rec.times[a].length;
      figures[`class.${a}.p50_ms`] = percentile(rec.times[a], 50);
      figures[`class.${a}.p99_ms`] = percentile(rec.times[a], 99);
      figures[`class.${a}.errors`] = rec.errors[a];
    }
    Object.assign(figures, {
      "class.errors": ACTIONS.reduce((n, a) => n + rec.errors[a], 0),
      "class.attempts": attempts.length, "class.submitted": attempts.filter((a) => a.status === "submitted").length,
      "class.graded": attempts.filter((a) => a.gradedAt !== null).length,
      "class.answers_sent": sentCount, "class.answers_stored": storedCount, "class.answers_lost": sentCount - storedCount,
      "class.double_gradings": graded.filter((g) => g._count._all > 1).length,
    });
    const meta = {
      node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model.trim(), load_average_1m: os.loadavg()[0] ?? 0,
      students, instances, database: provider, minutes, sessions: "made directly in the database (no sign-in in the measurement)",
      split: instances === 1 ? "one instance" : "students split between the instances' ports by index parity", date: new Date().toISOString(),
    };
    const targets = {
      "class.errors": { target: "= 0", met: figures["class.errors"] === 0 },
      "class.answers_lost": { target: "= 0", met: figures["class.answers_lost"] === 0 },
      "class.double_gradings": { target: "= 0", met: figures["class.double_gradings"] === 0 },
      "class.start.p99_ms": { target: "< 1000", met: figures["class.start.p99_ms"]! < 1000 },
      "class.save.p99_ms": { target: "< 300", met: figures["class.save.p99_ms"]! < 300 },
      "class.submit.p99_ms": { target: "< 1000", met: figures["class.submit.p99_ms"]! < 1000 },
    };
    if (values.json) console.log(JSON.stringify({ meta, ...figures, targets, error_samples: rec.samples }, null, 2));
    else {
      console.log(`hopwise bench:class  ${meta.date}  (${meta.cpus} CPUs, ${students} students, ${instances} instance(s), ${provider}, ${minutes} min)`);
      for (const [k, v] of Object.entries(figures)) {
        const t = targets[k as keyof typeof targets];
        console.log(`${k.padEnd(32)} ${String(v).padStart(10)}  ${(t?.target ?? "").padEnd(8)}${t ? (t.met ? "ok" : "MISSED") : ""}`.trimEnd());
      }
      for (const s of rec.samples) console.log(`  error: ${s}`);
    }
    return figures["class.errors"] === 0 && figures["class.answers_lost"] === 0 && figures["class.double_gradings"] === 0 ? 0 : 1;
  } finally {
    await Promise.all(servers.map(stopApp));
    setDbForTests(undefined);
    await db.$disconnect();
    await database.drop().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (e: unknown) => {
  process.stderr.write(`bench:class: ${(e as Error).message}\n`);
  process.exit(1);
});
