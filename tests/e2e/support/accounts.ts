/**
 * Accounts for multi-person flows: each person gets a browser context of their own, signed up
 * through the API and signed in through the form; site roles are set with the operator's command
 * (`npm run user -- role`) against the e2e server's database, as the README tells a new site to.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { type Browser, type BrowserContext, expect, type Page } from "@playwright/test";

export const PASSWORD = "a long enough password";

export interface Person {
  readonly email: string;
  readonly context: BrowserContext;
  readonly page: Page;
}

/** A unique email for this run. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** Create the account (no browser session yet). */
export async function signUp(browser: Browser, email: string): Promise<void> {
  const context = await browser.newContext();
  expect((await context.request.post("/api/v1/auth/sign-up", { data: { email, password: PASSWORD } })).status()).toBe(201);
  await context.close();
}

/** Fill the sign-in form on the current page (the sign-in page) and wait until signed in. */
export async function fillSignIn(page: Page, email: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("account-menu")).toContainText("Signed in as");
}

/** A new browser context signed in as `email` (created first when `create`). */
export async function signedIn(browser: Browser, email: string, { create = true } = {}): Promise<Person> {
  if (create) await signUp(browser, email);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await fillSignIn(page, email);
  return { email, context, page };
}

/** `npm run user -- role <email> <role>` on the e2e database. */
export function setSiteRole(email: string, role: "learner" | "instructor" | "admin"): string {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error("E2E_DATA_DIR is not set: run through `npx playwright test`");
  return execFileSync("npm", ["run", "--silent", "user", "--", "role", email, role], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "e2e.db")}` },
  });
}
