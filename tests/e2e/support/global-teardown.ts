import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Remove this run's temp database folder (made in playwright.config.ts). */
export default function globalTeardown(): void {
  const dir = process.env.E2E_DATA_DIR;
  if (dir && path.dirname(dir) === os.tmpdir() && path.basename(dir).startsWith("hopwise-e2e-")) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
