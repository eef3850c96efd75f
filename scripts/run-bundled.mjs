/**
 * `node scripts/run-bundled.mjs <entry.ts> [node flags --] [args]`: bundles a TypeScript entry
 * with esbuild (as the app's own build bundles lib/) into a temporary file and runs it with Node.
 *
 * Why benchmarks run this way: under `tsx`, every module is compiled on its own to CommonJS whose
 * exports are getters, so each call from one engine module into another goes through a getter
 * (measured: the engine ran 28% slower than the same code bundled). A bundle is what production
 * runs, so a bundle is what the figures should describe.
 *
 * Node flags (such as --expose-gc) go before a `--`; everything after it is the script's.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function split(argv) {
  const [entry, ...rest] = argv;
  const dash = rest.indexOf("--");
  return dash === -1 ? { entry, nodeFlags: [], args: rest } : { entry, nodeFlags: rest.slice(0, dash), args: rest.slice(dash + 1) };
}

async function main() {
  const { entry, nodeFlags, args } = split(process.argv.slice(2));
  if (!entry) {
    process.stderr.write("usage: node scripts/run-bundled.mjs <entry.ts> [node flags --] [args]\n");
    return 2;
  }
  // Inside the project, so the bundle resolves what it leaves external from node_modules.
  const cache = path.join(ROOT, "node_modules", ".cache");
  fs.mkdirSync(cache, { recursive: true });
  const dir = fs.mkdtempSync(path.join(cache, "hopwise-run-"));
  const outfile = path.join(dir, `${path.basename(entry, path.extname(entry))}.cjs`);
  try {
    await build({
      entryPoints: [path.resolve(ROOT, entry)], outfile, bundle: true, platform: "node", format: "cjs", target: "node20",
      // Native addons and database clients stay where npm put them.
      // (The `@/` paths of tsconfig.json are read by esbuild itself.)
      external: ["better-sqlite3", "pg", "@prisma/*", "autocannon"], logLevel: "error", legalComments: "none",
    });
    const run = spawnSync(process.execPath, [...nodeFlags, outfile, ...args], { cwd: ROOT, stdio: "inherit" });
    return run.status ?? 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => { process.exitCode = code; },
  (e) => {
    process.stderr.write(`run-bundled: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 3;
  },
);
