#!/usr/bin/env node
/**
 * `node scripts/lib/instances.mjs <count> <next start arguments...>`: several app instances on one
 * machine, sharing one port (`npm run bench:http -- --instances N` uses it). Each instance is an
 * unchanged `next start` process, run as a node:cluster worker; the cluster hands each new
 * connection to the next worker in turn, so one Node.js event loop per core serves requests. The
 * instances are stateless (sessions are signed cookies, gradings go to the shared database), as
 * behind any load balancer.
 *
 * If an instance dies the others are stopped and this process exits with its code, as a single
 * `next start` would; Ctrl-C or SIGTERM stops them all.
 */
import cluster from "node:cluster";
import { createRequire } from "node:module";
import process from "node:process";

const [count, ...nextArgs] = process.argv.slice(2);
const instances = Number(count);
if (!Number.isInteger(instances) || instances < 1 || nextArgs.length === 0) {
  console.error("usage: node scripts/lib/instances.mjs <count> <next start arguments...>");
  process.exit(2);
}

cluster.setupPrimary({ exec: createRequire(import.meta.url).resolve("next/dist/bin/next"), args: nextArgs });

let running = instances;
let stopping = false;
let exitCode = 0;

function stopAll(signal) {
  stopping = true;
  for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
}

cluster.on("exit", (worker, code, signal) => {
  if (!stopping) {
    console.error(`An app instance (pid ${worker.process.pid}) stopped (${signal ?? `exit code ${code}`}); stopping the others.`);
    exitCode = code || 1;
    stopAll("SIGTERM");
  }
  if (--running === 0) process.exit(exitCode);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stopAll(signal));

for (let i = 0; i < instances; i++) cluster.fork();
