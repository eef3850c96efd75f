#!/usr/bin/env node
/**
 * `npm start`: from a fresh clone to Hopwise on http://localhost:3000 in one command.
 *   1. NEXTAUTH_SECRET from the environment, or generated once into data/.secret
 *   2. `prisma migrate deploy` on the configured database (embedded SQLite unless DATABASE_URL is set)
 *   3. the idempotent seed: demo accounts, only on a loopback start or with HOPWISE_SEED_DEMO=1
 *   4. `next build` when there is no build or the sources are newer
 *   5. `next start -H ${HOST:-127.0.0.1} -p ${PORT:-3000}`
 * `npm run dev` does steps 1–3 and then runs `next dev` instead.
 *
 * SIGINT, SIGTERM or SIGHUP at any step stop the running child and then this process
 * (scripts/lib/processes.mjs); `next start` finishes its requests in flight before it exits.
 */
import process from "node:process";
import { installShutdown } from "./lib/processes.mjs";
import { resolveServeOptions } from "./lib/serve-options.mjs";
import {
  binary,
  bold,
  buildAsync,
  buildNeeded,
  checkInstalled,
  checkNode,
  checkPortFree,
  describeDatabase,
  deployMigrations,
  done,
  ensurePrismaClients,
  ensureSecret,
  reportFailure,
  ROOT,
  runForeground,
  SetupError,
  seed,
  step,
} from "./lib/setup.mjs";

const dev = process.argv.includes("--dev");

async function main() {
  installShutdown();
  process.chdir(ROOT);
  checkNode();
  checkInstalled();

  const rawPort = process.env.PORT?.trim() || "3000";
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new SetupError(`PORT=${rawPort} is not a port number.`, "Use a number between 1024 and 65535, e.g. PORT=3000 npm start");
  }

  const serve = resolveServeOptions(process.env);
  if (serve.error) throw new SetupError(serve.error, serve.fix);
  const { host } = serve;

  const env = { ...process.env, PORT: String(port), HOPWISE_SEED_DEMO: serve.seedDemo ? "1" : "0" };
  env.NEXTAUTH_URL ||= `http://localhost:${port}`;
  env.NODE_ENV = dev ? "development" : "production";
  // Prisma's CLI would otherwise check for updates online.
  env.PRISMA_HIDE_UPDATE_MESSAGE ??= "1";
  env.CHECKPOINT_DISABLE ??= "1";
  env.NEXT_TELEMETRY_DISABLED ??= "1";

  console.log(bold(`\nHopwise ${dev ? "(development)" : ""}\n`));
  done(`Secret: ${ensureSecret(env)}`);

  if (await ensurePrismaClients(env)) done("Prisma clients generated");

  const database = describeDatabase(env);
  step(`Migrating the database: ${database}`);
  done(`Database ready (${await deployMigrations(env)})`);

  const seeded = await seed(env);
  if (seeded) console.log(seeded);
  if (!serve.seedDemo) done(`No demo accounts (${serve.demoReason})`);

  await checkPortFree(port, host);
  const listen = ["-H", host, "-p", String(port)];
  const reach = serve.loopback ? `${host} only (set HOST=0.0.0.0 to accept other machines)` : `${host}, reachable from other machines`;

  if (dev) {
    step(`Starting the development server on ${env.NEXTAUTH_URL}, listening on ${reach}`);
    return runForeground(binary("next"), ["dev", ...listen], env);
  }

  const reason = buildNeeded();
  if (reason) {
    step(`Building the app (${reason}); this takes a minute or two…`);
    await buildAsync(env);
    done("Build complete");
  } else {
    done("Build is up to date");
  }

  console.log(`\n${bold(`Hopwise is starting on ${env.NEXTAUTH_URL}`)}, listening on ${reach}  (Ctrl-C to stop)\n`);
  return runForeground(binary("next"), ["start", ...listen], env);
}

main().then(
  (code) => process.exit(code ?? 0),
  (error) => {
    reportFailure(error);
    process.exit(1);
  },
);
