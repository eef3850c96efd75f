/**
 * The production build as a child process for the HTTP benchmarks (bench:http, bench:class,
 * bench:gradebook): a free loopback port, `next start` (or several instances sharing the port,
 * ./instances.mjs), a wait for /api/health, and a stop that waits for the process to exit.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { binary, build, buildNeeded, deployMigrations, ROOT } from "./setup.mjs";

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/**
 * `next start` on 127.0.0.1:`port`, or `instances` of them sharing it; its stderr is passed through.
 * `cpuProfileDir`: one instance runs under V8's CPU profiler and writes its profile there on exit.
 */
export function startApp(port: number, env: NodeJS.ProcessEnv, instances = 1, cpuProfileDir?: string): ChildProcess {
  const args = ["start", "-H", "127.0.0.1", "-p", String(port)];
  const profiler = cpuProfileDir ? ["--cpu-prof", "--cpu-prof-dir", cpuProfileDir] : [];
  const [command, commandArgs] = instances === 1
    ? [process.execPath, [...profiler, binary("next"), ...args]]
    : [process.execPath, [path.join(ROOT, "scripts/lib/instances.mjs"), String(instances), ...args]];
  return spawn(command, commandArgs, { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
}

/** Resolves once `base`/api/health answers 200; fails if the server exits or takes longer than `timeoutMs`. */
export async function waitForHealth(base: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not become healthy in time");
}

/** SIGTERM (next start finishes the requests in flight), then SIGKILL after 10 s. */
export function stopApp(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.kill("SIGKILL");
      resolve();
    }, 10_000);
    server.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    server.kill("SIGTERM");
  });
}

/** The production app's environment for a benchmark: its own database and secret, no demo accounts, no rate limits. */
export function benchAppEnv(databaseUrl: string, secret: string, base: string): NodeJS.ProcessEnv {
  return {
    ...process.env, NODE_ENV: "production" as const, DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: base,
    HOPWISE_SEED_DEMO: "0", NEXT_TELEMETRY_DISABLED: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1", HOPWISE_RATE_LIMITS: "off",
  };
}

/** Builds the app when its sources changed since the last build, then migrates the benchmark's database. */
export async function buildAndMigrate(env: NodeJS.ProcessEnv, log: (message: string) => void): Promise<void> {
  const reason = buildNeeded();
  if (reason) {
    log(`building the app (${reason})...`);
    build(env);
  }
  await deployMigrations(env);
}
