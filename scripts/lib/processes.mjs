/**
 * Children of `npm start` and how they stop. Every child is tracked; SIGINT, SIGTERM or SIGHUP (or
 * the parent going away, e.g. `npm` killed while its `sh` wrapper keeps us alive) is passed to each
 * of them, and this process exits only once they have all exited. A child that ignores the signal
 * for `graceMs` is killed, so nothing is left serving after the command has returned.
 *
 * `next start` handles SIGTERM itself: it stops accepting connections, finishes the requests in
 * flight (a stored grading is answered only after its row is committed) and exits.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import process from "node:process";

const children = new Set();
let stopping = null;
let exitCode = 0;

const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** The signal this process is stopping on, or null. */
export function stoppingSignal() {
  return stopping;
}

/** Spawn a child that shutdown will stop too. Same arguments as child_process.spawn. */
export function spawnTracked(command, args, options) {
  const child = spawn(command, args, options);
  children.add(child);
  child.once("exit", () => {
    children.delete(child);
    if (stopping && children.size === 0) process.exit(exitCode);
  });
  child.once("error", () => children.delete(child));
  if (stopping) child.kill(stopping);
  return child;
}

function stop(signal, graceMs) {
  if (stopping) return;
  stopping = signal;
  exitCode = 128 + SIGNAL_NUMBERS[signal];
  if (children.size === 0) process.exit(exitCode);
  for (const child of children) child.kill(signal);
  setTimeout(() => {
    for (const child of children) {
      console.error(`A child process (pid ${child.pid}) did not stop within ${graceMs / 1000}s; killing it.`);
      child.kill("SIGKILL");
    }
  }, graceMs).unref();
}

/**
 * Install the handlers once, before the first child starts. `graceMs` bounds how long in-flight
 * requests may take to finish.
 */
let installed = false;

export function installShutdown({ graceMs = 15_000, watchParentMs = 1_000 } = {}) {
  if (installed) return;
  installed = true;
  for (const signal of Object.keys(SIGNAL_NUMBERS)) process.on(signal, () => stop(signal, graceMs));
  const parent = currentParent();
  // A parent that dies without passing its signal on (npm killed with SIGKILL, say) leaves us
  // re-parented: treat that as SIGTERM rather than serve on as an orphan.
  setInterval(() => {
    if (parentGone(parent)) stop("SIGTERM", graceMs);
  }, watchParentMs).unref();
}

/** Our parent's pid now. Node's process.ppid is read once, so on Linux ask /proc instead. */
function currentParent() {
  try {
    // "pid (comm) state ppid ...": comm may contain spaces and parentheses.
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

/** Whether the process that started us has gone (re-parented, or elsewhere no longer there). */
function parentGone(parent) {
  if (parent !== null) return currentParent() !== parent;
  try {
    process.kill(process.ppid, 0);
    return false;
  } catch {
    return true;
  }
}
