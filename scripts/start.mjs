#!/usr/bin/env node
/**
 * `npm start`: from a fresh clone to Hopwise on http://localhost:3000 in one command.
 *   1. NEXTAUTH_SECRET from the environment, or generated once into data/.secret
 *   2. `prisma migrate deploy` on the configured database (embedded SQLite unless DATABASE_URL is set)
 *   3. the idempotent seed (demo accounts)
 *   4. `next build` when there is no build or the sources are newer
 *   5. `next start -p ${PORT:-3000}`
 * `npm run dev` does steps 1–3 and then runs `next dev` instead.
 */
import process from "node:process";
import {
  binary,
  bold,
  build,
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
  process.chdir(ROOT);
  checkNode();
  checkInstalled();

  const rawPort = process.env.PORT?.trim() || "3000";
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new SetupError(`PORT=${rawPort} is not a port number.`, "Use a number between 1024 and 65535, e.g. PORT=3000 npm start");
  }

  const env = { ...process.env, PORT: String(port) };
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

  await checkPortFree(port);

  if (dev) {
    step(`Starting the development server on ${env.NEXTAUTH_URL}`);
    return runForeground(binary("next"), ["dev", "-p", String(port)], env);
  }

  const reason = buildNeeded();
  if (reason) {
    step(`Building the app (${reason}); this takes a minute or two…`);
    build(env);
    done("Build complete");
  } else {
    done("Build is up to date");
  }

  console.log(`\n${bold(`Hopwise is starting on ${env.NEXTAUTH_URL}`)}  (Ctrl-C to stop)\n`);
  return runForeground(binary("next"), ["start", "-p", String(port)], env);
}

main().then(
  (code) => process.exit(code ?? 0),
  (error) => {
    reportFailure(error);
    process.exit(1);
  },
);
