/**
 * Courses and people, end to end: an admin made by the operator's command grants the instructor
 * role in /admin/users; the instructor creates a course and pastes two emails (one account, one
 * not yet); a student joins by the link after signing in from it; the invited email signs up and
 * finds the course; a student of another course gets 404 on this course's pages.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { fillSignIn, PASSWORD, type Person, setSiteRole, signedIn, signUp, uniqueEmail } from "./support/accounts";

const SHOTS = "tests/e2e/screenshots";

/** axe-core's serious or critical WCAG 2.1 AA findings on the page (none expected). */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} element(s), first ${v.nodes[0]?.target.join(" ")}`);
}

/** How far the page scrolls sideways (0 on a phone-usable page). */
function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test.describe.serial("courses and people", () => {
  const emails = {
    admin: uniqueEmail("admin"),
    instructor: uniqueEmail("instructor"),
    listed: uniqueEmail("listed"),
    invited: uniqueEmail("invited"),
    joiner: uniqueEmail("joiner"),
    outsider: uniqueEmail("outsider"),
  };
  let instructor: Person;
  let courseUrl = "";
  let joinLink = "";

  test("the first admin comes from the command and grants the instructor role", async ({ browser }) => {
    await signUp(browser, emails.admin);
    await signUp(browser, emails.instructor);
    expect(setSiteRole(emails.admin, "admin")).toContain("role is now admin");
    const admin = await signedIn(browser, emails.admin, { create: false });
    const { page } = admin;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
    await expect(page.getByRole("heading", { name: "Accounts" })).toBeVisible();
    await page.getByLabel("Email contains").fill(emails.instructor.slice(0, 20));
    await page.getByRole("button", { name: "Search" }).click();
    const row = page.getByTestId("users").locator(`tr[data-email="${emails.instructor}"]`);
    await row.getByLabel(`Site role of ${emails.instructor}`).selectOption("instructor");
    await row.getByRole("button", { name: "Save role" }).click();
    await expect(row.getByRole("status")).toContainText("role learner → instructor");
    // Their own row offers no way to demote or disable themself.
    await page.goto(`/admin/users?q=${encodeURIComponent(emails.admin)}`);
    const own = page.getByTestId("users").locator(`tr[data-email="${emails.admin}"]`);
    await expect(own).toContainText("(you)");
    await expect(own.getByRole("button")).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/admin-users.png`, fullPage: true });
    await admin.context.close();
  });

  test("the instructor creates a course and adds two people by email", async ({ browser }) => {
    await signUp(browser, emails.listed);
    instructor = await signedIn(browser, emails.instructor, { create: false });
    const { page } = instructor;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Teach" }).click();
    await page.getByLabel("Title").fill("Computer Networks 2027");
    await page.getByLabel("Short code").fill("NET-101");
    await page.getByRole("button", { name: "Create course" }).click();
    await expect(page.getByRole("heading", { name: "Computer Networks 2027" })).toBeVisible();
    courseUrl = new URL(page.url()).pathname;
    expect(courseUrl).toMatch(/^\/teach\/courses\/[\w-]+$/);
    const code = (await page.getByTestId("join-code").textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    joinLink = (await page.getByTestId("join-link").getAttribute("href"))!;
    expect(joinLink).toBe(`/join/${code}`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/course-overview.png`, fullPage: true });

    await page.getByRole("navigation", { name: "Course" }).getByRole("link", { name: "Roster" }).click();
    await page.getByLabel("Emails").fill(`${emails.listed}\nNew Student <${emails.invited}>\nnot an email`);
    await page.getByRole("button", { name: "Add people" }).click();
    const report = page.getByTestId("add-report");
    await expect(report.getByRole("status")).toHaveText("1 added, 1 invited, 0 already there, 1 skipped.");
    await expect(report.locator('tr[data-outcome="added"]')).toContainText(emails.listed);
    await expect(report.locator('tr[data-outcome="invited"]')).toContainText(emails.invited);
    await expect(report.locator('tr[data-outcome="invalid"]')).toContainText("3");
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/roster-add-report.png`, fullPage: true });
    await page.reload();
    await expect(page.getByTestId("roster").locator(`tr[data-email="${emails.listed}"]`)).toBeVisible();
    await expect(page.getByTestId("invites")).toContainText(emails.invited);
  });

  test("a student joins by the link on a phone, signing in from it and coming back", async ({ browser }) => {
    await signUp(browser, emails.joiner);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(joinLink);
    await expect(page.getByRole("heading", { name: "Join Computer Networks 2027" })).toBeVisible();
    await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
    await fillSignIn(page, emails.joiner);
    await expect(page).toHaveURL(new RegExp(`${joinLink}$`));
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/join.png`, fullPage: true });
    await page.getByRole("button", { name: "Join as a student" }).click();
    await expect(page.getByTestId("joined-notice")).toHaveText("You joined Computer Networks 2027.");
    await expect(page.getByTestId("my-courses")).toContainText("Computer Networks 2027");
    expect(await horizontalOverflow(page)).toBe(0);
    // A student of the course does not see its roster (403), and has no Teach link.
    expect((await page.goto(`${courseUrl}/roster`))?.status()).toBe(403);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Teach" })).toHaveCount(0);
    await context.close();
  });

  test("the invited email signs up and is in the course", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("/sign-up?callbackUrl=%2Fcourses");
    await page.getByLabel("Email").fill(emails.invited);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/courses$/);
    await expect(page.getByTestId("my-courses")).toContainText("Computer Networks 2027");
    await context.close();

    await instructor.page.goto(`${courseUrl}/roster`);
    await expect(instructor.page.getByTestId("roster").locator(`tr[data-email="${emails.invited}"]`)).toBeVisible();
    await expect(instructor.page.getByText("Nobody is waiting to sign up.")).toBeVisible();
  });

  test("a student of another course gets 404 on this course's pages", async ({ browser }) => {
    const { page } = instructor;
    await page.goto("/teach");
    await page.getByLabel("Title").fill("Another course");
    await page.getByLabel("Short code").fill("OTHER-1");
    await page.getByRole("button", { name: "Create course" }).click();
    await expect(page.getByRole("heading", { name: "Another course" })).toBeVisible();
    const otherLink = (await page.getByTestId("join-link").getAttribute("href"))!;

    const outsider = await signedIn(browser, emails.outsider);
    await outsider.page.goto(otherLink);
    await outsider.page.getByRole("button", { name: "Join as a student" }).click();
    await expect(outsider.page.getByTestId("joined-notice")).toBeVisible();
    for (const path of [courseUrl, `${courseUrl}/roster`, `${courseUrl}/audit`, `${courseUrl}/gradebook`]) {
      const response = await outsider.page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(outsider.page.getByText("Computer Networks 2027")).toHaveCount(0);
    }
    await outsider.context.close();
    await instructor.context.close();
  });
});
