/**
 * For specs that seed a class into the e2e server's database with a script (seed-*-class.ts, run
 * with tsx and the e2e database's URL; the script prints its ids as JSON on its last line) and then
 * sign its people in with the password the script gave them.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

/** Runs `tests/e2e/support/<script>` against the e2e database and returns what it printed. */
export function runSeedScript<T>(script: string): T {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error("E2E_DATA_DIR is not set: run through `npx playwright test`");
  const out = execFileSync("npx", ["tsx", "--conditions=react-server", path.join("tests/e2e/support", script)], {
    env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "e2e.db")}` }, encoding: "utf8", timeout: 120_000,
  });
  return JSON.parse(out.trim().split("\n").at(-1)!) as T;
}

/** Signs in through the sign-in page. */
export async function signInWithPassword(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/sign-in/);
}
