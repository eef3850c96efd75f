import { expect, type Page, test } from "@playwright/test";

const SHOTS = "tests/e2e/screenshots";
const PASSWORD = "a long enough password";
const email = `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;

const accountMenu = (page: Page) => page.getByTestId("account-menu");

async function signUp(page: Page, values: { name?: string; email: string; password: string }) {
  await page.goto("/sign-up");
  if (values.name) await page.getByLabel("Name (optional)").fill(values.name);
  await page.getByLabel("Email").fill(values.email);
  await page.getByLabel("Password").fill(values.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

test.describe.serial("signing up, out and in", () => {
  test("sign up and see the signed-in state", async ({ page }) => {
    await signUp(page, { name: "Eve Tester", email, password: PASSWORD });
    await expect(page).toHaveURL(/\/$/);
    await expect(accountMenu(page)).toContainText("Signed in as Eve Tester");
    await expect(accountMenu(page).getByRole("button", { name: "Sign out" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/signed-up.png`, fullPage: true });
  });

  test("sign out, then sign in again", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email.toUpperCase());
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(accountMenu(page)).toContainText("Signed in as Eve Tester");

    await accountMenu(page).getByRole("button", { name: "Sign out" }).click();
    await expect(accountMenu(page).getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(accountMenu(page)).not.toContainText("Signed in as");
    await page.screenshot({ path: `${SHOTS}/signed-out.png`, fullPage: true });

    await accountMenu(page).getByRole("link", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(accountMenu(page)).toContainText("Signed in as Eve Tester");
  });

  test("a taken email is reported on the email field", async ({ page }) => {
    await signUp(page, { email, password: PASSWORD });
    const emailInput = page.getByLabel("Email");
    await expect(page.getByTestId("email-error")).toHaveText(/An account with this email already exists/);
    await expect(emailInput).toHaveAttribute("aria-invalid", "true");
    await expect(emailInput).toBeFocused();
    await expect(accountMenu(page)).not.toContainText("Signed in as");
    await page.screenshot({ path: `${SHOTS}/sign-up-taken-email.png`, fullPage: true });
  });

  test("a wrong password says so without revealing which field was wrong", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("form-error")).toHaveText(/don't match an account/);
    await expect(page.getByTestId("form-error")).toHaveAttribute("role", "alert");
    await expect(accountMenu(page)).not.toContainText("Signed in as");
  });
});

test("a too-short password gets an inline error and focus", async ({ page }) => {
  await signUp(page, { email: `short-${email}`, password: "short" });
  const password = page.getByLabel("Password");
  await expect(page.getByTestId("password-error")).toHaveText("Use at least 10 characters for your password");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAttribute("aria-describedby", /field-password-error/);
  await expect(password).toBeFocused();
  await expect(page).toHaveURL(/\/sign-up/);
  await page.screenshot({ path: `${SHOTS}/sign-up-short-password.png`, fullPage: true });
});

test("keyboard only: from the home page to signed in", async ({ page }) => {
  const keyboardEmail = `keys-${email}`;
  const created = await page.request.post("/api/v1/auth/sign-up", { data: { email: keyboardEmail, password: PASSWORD } });
  expect(created.status()).toBe(201);

  await page.goto("/");
  // Tab to the header's "Sign in" link (skip link, brand and nav come first).
  const signInLink = accountMenu(page).getByRole("link", { name: "Sign in" });
  for (let i = 0; i < 12 && !(await signInLink.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(signInLink).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.type(keyboardEmail);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.screenshot({ path: `${SHOTS}/keyboard-sign-in.png`, fullPage: true });
  await page.keyboard.press("Enter");

  await expect(accountMenu(page)).toContainText(`Signed in as ${keyboardEmail}`);
});

test("the skip link is the first stop and jumps to the main content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
});
