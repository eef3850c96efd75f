/**
 * `npm run trace -- <scenario file or id> [--seed N] [--json] [--flow ID] [--world RULE]`:
 * prints a scenario's hop-by-hop trace. The work is in scripts/trace-cli.ts; this file only
 * connects it to the process (and keeps `| head` from ending in an EPIPE stack trace).
 */
import { runTraceCli } from "./trace-cli";

process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  process.stderr.write(`internal error: ${e.message}\n`);
  process.exit(3);
});

try {
  process.exitCode = runTraceCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    columns: process.stdout.columns,
    env: process.env,
  });
} catch (e) {
  process.stderr.write(`internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 3;
}
