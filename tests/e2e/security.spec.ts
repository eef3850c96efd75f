/**
 * Hardening seen from outside, against the production build: security headers on every kind of
 * response, a nonce-based CSP that the app's own pages run under without a single violation,
 * callbackUrl tricks that stay on this site (and never give a 500), and a session cookie that
 * stops working once its owner signs out.
 */
import { type APIRequestContext, type BrowserContext, expect, type Page, test } from "@playwright/test";

const PASSWORD = "a long enough password";
const SCENARIO = "browser-to-google";
const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

const COMMON = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "permissions-policy": /camera=\(\)/,
  "x-frame-options": "DENY",
} as const;

function expectCommonHeaders(headers: Record<string, string>, label: string) {
  for (const [name, value] of Object.entries(COMMON)) {
    if (typeof value === "string") expect(headers[name], `${label}: ${name}`).toBe(value);
    else expect(headers[name], `${label}: ${name}`).toMatch(value);
  }
  expect(headers["content-security-policy"], `${label}: CSP`).toContain("frame-ancestors 'none'");
}

/** The nonce of a page's CSP; fails when the policy is not nonce-based. */
function nonceOf(csp: string): string {
  const script = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src "));
  expect(script).toBeDefined();
  expect(script).toContain("'strict-dynamic'");
  expect(script).not.toContain("'unsafe-inline'");
  expect(script).not.toContain("'unsafe-eval'");
  const match = /'nonce-([A-Za-z0-9+/=]+)'/.exec(script!);
  expect(match).not.toBeNull();
  return match![1]!;
}

test.describe("security headers", () => {
  const pages: { label: string; path: string; status?: number }[] = [
    { label: "home page", path: "/" },
    { label: "scenario list", path: "/scenarios" },
    { label: "a scenario", path: `/scenarios/${SCENARIO}` },
    { label: "drills", path: "/drills" },
    { label: "sign-in page", path: "/sign-in" },
    { label: "a missing page (404)", path: "/no-such-page", status: 404 },
  ];
  for (const { label, path, status } of pages) test(`${label}: nonce-based CSP, and every script of the page carries the nonce`, async ({ request }) => {
    const response = await request.get(path);
    expect(response.status()).toBe(status ?? 200);
    const headers = response.headers();
    expectCommonHeaders(headers, label);
    const nonce = nonceOf(headers["content-security-policy"]!);
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, `${label}: ${tag.slice(0, 80)}`).toContain(`nonce="${nonce}"`);

    const again = await request.get(path);
    expect(nonceOf(again.headers()["content-security-policy"]!)).not.toBe(nonce);
  });

  test("API responses, errors and static files carry the headers and a deny-all CSP", async ({ request }) => {
    const page = await (await request.get("/")).text();
    const asset = /\/_next\/static\/[^"]+\.js/.exec(page)?.[0];
    expect(asset).toBeDefined();
    const cases: { label: string; send: () => ReturnType<APIRequestContext["get"]>; status: number }[] = [
      { label: "health", send: () => request.get("/api/health"), status: 200 },
      { label: "a 422 from the API", send: () => request.post("/api/v1/grade", { data: { nonsense: true } }), status: 422 },
      { label: "a 404 from the API", send: () => request.get("/api/v1/attempts/no-such-attempt"), status: 404 },
      { label: "next-auth", send: () => request.get("/api/auth/csrf"), status: 200 },
      { label: "a static script", send: () => request.get(asset!), status: 200 },
    ];
    for (const { label, send, status } of cases) {
      const response = await send();
      expect(response.status(), label).toBe(status);
      expectCommonHeaders(response.headers(), label);
      expect(response.headers()["content-security-policy"], label).toContain("default-src 'none'");
    }
  });
});

/** Collects CSP violations (the DOM event and Chromium's console report) for a whole context. */
async function watchViolations(context: BrowserContext, page: Page): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeFunction("__reportCspViolation", (text: string) => void violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${location.pathname}`,
      );
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("the main pages run under the CSP without a violation, and their scripts work", async ({ context, page }) => {
  const violations = await watchViolations(context, page);

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/scenarios");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto(`/scenarios/${SCENARIO}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // Client-side validation only runs once React has hydrated, i.e. once the nonce let its scripts in.
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your email address")).toBeVisible();

  await page.goto("/drills?kind=classful-class");
  await expect(page.getByRole("radio").first()).toBeVisible();

  // Practice as a guest, submit, then read the results and the journey.
  const started = await page.request.post("/api/v1/attempts", { data: { scenarioId: SCENARIO, difficulty: "beginner" } });
  expect(started.status()).toBe(201);
  const { id } = (await started.json()) as { id: string };
  await page.goto(`/practice/${id}`);
  await expect(page.getByRole("button", { name: "Submit answers" })).toBeVisible();
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByTestId("results")).toBeVisible();
  await page.getByRole("link", { name: "Show this in the packet journey" }).first().click();
  await expect(page.getByTestId("journey-section").getByTestId("topology-diagram")).toBeVisible();

  expect(violations).toEqual([]);
});

test.describe("callbackUrl stays on this site", () => {
  const tricks = [
    { label: "tab trick", query: "%2F%09%2Fevil.example" },
    { label: "protocol-relative", query: "%2F%2Fevil.example" },
    { label: "backslash", query: "%2F%5Cevil.example" },
    { label: "absolute URL", query: "https%3A%2F%2Fevil.example%2F" },
    { label: "javascript:", query: "javascript%3Aalert(1)" },
    { label: "newline", query: "%2F%0A%2Fevil.example" },
    { label: "CR LF", query: "%2F%0D%0ALocation%3A%20https%3A%2F%2Fevil.example" },
  ];
  for (const { label, query } of tricks) test(`${label}: signing in ends on this site; signed in, a redirect to / (never a 500)`, async ({ browser, baseURL }) => {
    const email = `redirect-${unique()}@example.com`;
    const context = await browser.newContext();
    const page = await context.newPage();
    expect((await page.request.post("/api/v1/auth/sign-up", { data: { email, password: PASSWORD } })).status()).toBe(201);

    const form = await page.goto(`/sign-in?callbackUrl=${query}`);
    expect(form?.status(), label).toBe(200);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("account-menu")).toContainText("Signed in as");
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    expect(new URL(page.url()).pathname).toBe("/");

    const signedIn = await page.request.get(`/sign-in?callbackUrl=${query}`, { maxRedirects: 0 });
    expect(signedIn.status(), label).toBe(307);
    expect(signedIn.headers().location).toBe("/");
    await context.close();
  });
});

test("after signing out, the old session cookie is refused", async ({ browser }) => {
  const email = `signout-${unique()}@example.com`;
  const context = await browser.newContext();
  const page = await context.newPage();
  expect((await page.request.post("/api/v1/auth/sign-up", { data: { email, password: PASSWORD } })).status()).toBe(201);
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("account-menu")).toContainText("Signed in as");
  const saved = (await context.cookies()).filter((c) => c.name.includes("next-auth.session-token"));
  expect(saved.length).toBeGreaterThan(0);
  expect((await page.request.get("/api/v1/me/progress")).status()).toBe(200);

  await page.getByTestId("account-menu").getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByTestId("account-menu").getByRole("link", { name: "Sign in" })).toBeVisible();

  // Someone who kept a copy of the cookie (another tab, a stolen copy) is signed out too.
  const replay = await browser.newContext();
  await replay.addCookies(saved);
  expect((await replay.request.get("/api/v1/me/progress")).status()).toBe(401);
  const session = (await (await replay.request.get("/api/auth/session")).json()) as { user?: unknown };
  expect(session.user).toBeUndefined();
  await replay.close();
  await context.close();
});
