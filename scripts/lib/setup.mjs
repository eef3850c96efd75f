/**
 * The steps `npm start` (scripts/start.mjs) takes to go from a fresh clone to a running app:
 * a secret, a migrated and seeded database, an up-to-date build. Each step explains a failure in
 * words and says how to fix it; set HOPWISE_DEBUG=1 to see the underlying output too.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { installShutdown, spawnTracked } from "./processes.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = path.join(ROOT, "node_modules", ".bin");
const DEBUG = process.env.HOPWISE_DEBUG === "1";

/** A failure the user can fix: what went wrong, and how to fix it. */
export class SetupError extends Error {
  constructor(message, fix, details = "") {
    super(message);
    this.fix = fix;
    this.details = details;
  }
}

const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (text) => (useColour ? `\x1b[${code}m${text}\x1b[0m` : text);
export const bold = paint("1");
const green = paint("32");
const red = paint("31");
const dim = paint("2");

export function step(message) {
  console.log(`${dim("›")} ${message}`);
}
export function done(message) {
  console.log(`${green("✔")} ${message}`);
}
export function reportFailure(error) {
  console.error(`\n${red("✖")} ${bold(error.message)}`);
  if (error instanceof SetupError) {
    if (error.fix) console.error(`\n  How to fix: ${error.fix.replace(/\n/g, "\n  ")}`);
    if (error.details && DEBUG) console.error(`\n${dim(error.details)}`);
    else if (error.details) console.error(dim("\n  (Run with HOPWISE_DEBUG=1 to see the full output.)"));
  } else if (DEBUG) {
    console.error(error);
  } else {
    console.error(dim("\n  This looks like a bug in Hopwise. Run with HOPWISE_DEBUG=1 for details and report it."));
  }
  console.error("");
}

export function checkNode() {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new SetupError(`Node.js ${process.versions.node} is too old.`, "Install Node.js 20.19 or newer (20.x or 22.x), then run `npm ci`.");
  }
}

export function checkInstalled() {
  for (const tool of ["next", "prisma", "tsx"]) {
    if (!fs.existsSync(path.join(BIN, tool))) {
      throw new SetupError("Dependencies are not installed.", "Run `npm ci` in the project folder, then try again.");
    }
  }
}

/**
 * NEXTAUTH_SECRET signs sessions and guest cookies. Use the environment's if set; otherwise keep one
 * in data/.secret (created once, readable only by this user) so sessions survive restarts.
 */
export function ensureSecret(env) {
  if (env.NEXTAUTH_SECRET?.trim()) return "from the environment";
  const file = path.join(ROOT, "data", ".secret");
  if (fs.existsSync(file)) {
    const secret = fs.readFileSync(file, "utf8").trim();
    if (secret.length >= 32) {
      env.NEXTAUTH_SECRET = secret;
      return "from data/.secret";
    }
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  env.NEXTAUTH_SECRET = secret;
  return "generated into data/.secret";
}

/** Where the data lives, for messages (never prints a password). */
export function describeDatabase(env) {
  const url = env.DATABASE_URL?.trim() ?? "";
  if (url === "") return "SQLite (embedded) at data/hopwise.db";
  if (url.startsWith("file:")) return `SQLite at ${url.slice("file:".length)}`;
  if (/^postgres(ql)?:\/\//i.test(url)) {
    try {
      const parsed = new URL(url);
      return `PostgreSQL at ${parsed.hostname}${parsed.port ? `:${parsed.port}` : ""}${parsed.pathname}`;
    } catch {
      throw new SetupError("DATABASE_URL is not a valid URL.", "Use the form postgresql://USER:PASSWORD@HOST:5432/DATABASE.");
    }
  }
  throw new SetupError(
    "DATABASE_URL is neither a PostgreSQL URL nor an SQLite file.",
    "Set DATABASE_URL=postgresql://USER:PASSWORD@HOST:5432/DATABASE for PostgreSQL, or unset it to use the embedded SQLite database.",
  );
}

function capture(command, args, env) {
  return new Promise((resolve) => {
    const child = spawnTracked(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => resolve({ code: 1, output: `${output}\n${error.message}` }));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

function databaseFix(output, env) {
  const postgres = /^postgres/i.test(env.DATABASE_URL ?? "");
  if (/ECONNREFUSED|connect ECONNREFUSED|Can't reach database/i.test(output)) {
    return "PostgreSQL is not reachable. Start it (e.g. `pg_ctlcluster 15 main start`) and check the host and port in DATABASE_URL.";
  }
  if (/password authentication failed|Authentication failed|credentials .* are not valid|role .* does not exist/i.test(output)) {
    return "PostgreSQL refused the user or password in DATABASE_URL. Check them, or create the role: `createuser --pwprompt NAME`.";
  }
  if (/database .* does not exist|Database .* does not exist/i.test(output)) return "Create the database first: `createdb -O USER DATABASE`, then try again.";
  if (/ENOTFOUND|getaddrinfo/i.test(output)) return "The database host in DATABASE_URL cannot be found. Check its spelling.";
  if (/unable to open database|SQLITE_CANTOPEN|EACCES|read-only/i.test(output)) {
    return "The SQLite file cannot be written. Check that the data/ folder (or the DATABASE_URL file's folder) is writable.";
  }
  if (/P3009|failed migrations/i.test(output)) {
    return "A previous migration failed part-way. Inspect it with `npx prisma migrate status`, fix the database, then mark it with `npx prisma migrate resolve`.";
  }
  return postgres
    ? "Check DATABASE_URL and that the PostgreSQL server is running; run with HOPWISE_DEBUG=1 for Prisma's own message."
    : "Run with HOPWISE_DEBUG=1 for Prisma's own message. Deleting data/hopwise.db starts over with an empty database.";
}

/** `prisma migrate deploy` for whichever database DATABASE_URL points at. */
export async function deployMigrations(env) {
  const { code, output } = await capture(path.join(BIN, "prisma"), ["migrate", "deploy"], env);
  if (code !== 0) {
    throw new SetupError("The database could not be migrated.", databaseFix(output, env), output.trim());
  }
  const applied = output.match(/The following migration\(s\) have been applied:([\s\S]*?)(All migrations|$)/);
  const count = applied ? (applied[1].match(/migration\.sql/g) ?? []).length : 0;
  return count === 0 ? "already up to date" : `${count} migration${count === 1 ? "" : "s"} applied`;
}

/** The idempotent seed (scripts/seed.ts): demo accounts. Prints what it created. */
export async function seed(env) {
  const { code, output } = await capture(path.join(BIN, "tsx"), ["--conditions=react-server", "scripts/seed.ts"], env);
  if (code !== 0) {
    throw new SetupError("The database could not be seeded.", databaseFix(output, env), output.trim());
  }
  return output.trim();
}

/** Generate the Prisma clients if `npm ci`'s postinstall did not (e.g. installed with --ignore-scripts). */
export async function ensurePrismaClients(env) {
  const missing = ["sqlite", "postgres"].filter((p) => !fs.existsSync(path.join(ROOT, "prisma", "generated", p, "client.ts")));
  if (missing.length === 0) return false;
  for (const provider of missing) {
    const { code, output } = await capture(path.join(BIN, "prisma"), ["generate", "--schema", `prisma/${provider}/schema.prisma`], env);
    if (code !== 0) throw new SetupError("The Prisma client could not be generated.", "Run `npm ci` again.", output.trim());
  }
  return true;
}

const SOURCE_ENTRIES = [
  "app",
  "components",
  "lib",
  "content",
  "public",
  "prisma/generated",
  "instrumentation.ts",
  "next.config.js",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
];

function newestMtime(entry) {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) {
    if (child === "node_modules" || child.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** Why a build is needed, or null when .next is newer than every source file. */
export function buildNeeded() {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return "no build yet";
  const built = fs.statSync(buildId).mtimeMs;
  const changed = SOURCE_ENTRIES.find((entry) => newestMtime(entry) > built);
  return changed ? `${changed} changed since the last build` : null;
}

/**
 * `next build`, with its output shown (it takes a minute or two) on stderr: the benchmarks that
 * build first print their figures on stdout, and `--json` must stay one JSON document.
 */
export function build(env) {
  const result = spawnSync(path.join(BIN, "next"), ["build"], { cwd: ROOT, env, stdio: ["inherit", 2, "inherit"] });
  if (result.status !== 0) {
    throw new SetupError(
      "The app could not be built (see next build's messages above).",
      "Fix the error it reports; if the build ran out of memory, close other programs and run `npm start` again.",
    );
  }
}

/** `next build` as a child that a signal stops too (`npm start`); resolves when it succeeded. */
export function buildAsync(env) {
  return new Promise((resolve, reject) => {
    const child = spawnTracked(path.join(BIN, "next"), ["build"], { cwd: ROOT, env, stdio: "inherit" });
    const failed = () =>
      reject(
        new SetupError(
          "The app could not be built (see next build's messages above).",
          "Fix the error it reports; if the build ran out of memory, close other programs and run `npm start` again.",
        ),
      );
    child.once("error", failed);
    child.once("exit", (code) => (code === 0 ? resolve() : failed()));
  });
}

/** Fail early, with a clear message, if another program already listens on `host`:`port`. */
export function checkPortFree(port, host) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (error) => {
      if (error.code === "EADDRINUSE") {
        reject(new SetupError(`Port ${port} is already in use.`, `Stop the program using it, or choose another port: PORT=${port + 1} npm start`));
      } else if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND" || error.code === "EAI_AGAIN") {
        reject(new SetupError(`HOST=${host} is not an address of this machine.`, "Use HOST=127.0.0.1 (this machine only) or HOST=0.0.0.0 (every interface)."));
      } else if (error.code === "EACCES") {
        reject(new SetupError(`Not allowed to listen on port ${port}.`, "Choose a port above 1024, e.g. PORT=3000 npm start"));
      } else reject(error);
    });
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

/**
 * Run a long-lived command in the foreground. Ctrl-C, SIGTERM or the parent's exit stop it
 * (./processes.mjs), and this process exits once it has. Resolves with its exit code.
 */
export function runForeground(command, args, env) {
  installShutdown();
  return new Promise((resolve) => {
    const child = spawnTracked(command, args, { cwd: ROOT, env, stdio: "inherit" });
    child.on("error", (error) => {
      reportFailure(new SetupError(`Could not run ${path.basename(command)}: ${error.message}`, "Run `npm ci` and try again."));
      resolve(1);
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 0 : 1)));
  });
}

export function binary(name) {
  return path.join(BIN, name);
}
