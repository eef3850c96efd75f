/**
 * `npm run audit`: `npm audit --audit-level=high` with a clear verdict (scripts/lib/audit-verdict.ts).
 * Exits 1 on a high or critical advisory. If the advisory service cannot be reached, it says so and
 * exits 0, or 1 with HOPWISE_AUDIT_REQUIRED=1 (set it where the registry answers audits).
 */
import { spawnSync } from "node:child_process";
import { auditExitCode, auditVerdict } from "./lib/audit-verdict";

// Under `npm run`, npm_execpath is npm's own CLI: use the same npm that runs the script.
const npmCli = process.env.npm_execpath;
const args = ["audit", "--audit-level=high", "--json"];
const result = npmCli
  ? spawnSync(process.execPath, [npmCli, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })
  : spawnSync("npm", args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });

const verdict = auditVerdict(result.stdout ?? "");
const required = process.env.HOPWISE_AUDIT_REQUIRED === "1";
const exitCode = auditExitCode(verdict, required);
const label = { clean: "npm audit: OK", vulnerable: "npm audit: FAILED", unchecked: required ? "npm audit: FAILED (unchecked)" : "npm audit: SKIPPED" }[verdict.kind];
(exitCode === 0 && verdict.kind === "clean" ? process.stdout : process.stderr).write(`${label}: ${verdict.message}\n`);
if (verdict.kind === "unchecked" && !required) process.stderr.write("Set HOPWISE_AUDIT_REQUIRED=1 to make an unreachable advisory service an error.\n");
if (verdict.kind === "vulnerable") process.stderr.write("Run `npm audit` for the advisories and the fixes.\n");
process.exitCode = exitCode;
