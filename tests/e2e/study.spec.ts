import { expect, type Page, test } from "@playwright/test";
import { pinAttemptSeed } from "./support/attempt-secrets";

const SHOTS = "tests/e2e/screenshots";

const cards = (page: Page) => page.getByTestId("scenario-card");
const chip = (page: Page, group: "Concept" | "Difficulty", name: string) =>
  page.getByRole("navigation", { name: "Filter scenarios" }).getByRole("list", { name: group }).getByRole("link", { name, exact: true });

test("the home page explains Hopwise and links to the three ways in", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Practise networking interviews/);
  await expect(page.getByRole("heading", { name: "Three ways to use it" })).toBeVisible();
  for (const name of ["Study a scenario", "Practise the trace", "Drill the basics"]) await expect(page.getByRole("heading", { name })).toBeVisible();
  // Progress is only for signed-in learners.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Progress" })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/home.png`, fullPage: true });
  await page.getByRole("link", { name: "Browse scenarios" }).first().click();
  await expect(page).toHaveURL(/\/scenarios$/);
});

test("browse scenarios and filter them by concept and difficulty, with plain links", async ({ page }) => {
  await page.goto("/scenarios");
  await expect(page.getByRole("heading", { level: 1, name: "Scenarios" })).toBeVisible();
  await expect(cards(page)).toHaveCount(6);
  await expect(page.getByTestId("drills-card")).toBeVisible();
  await expect(cards(page).first()).toContainText("Beginner");
  await page.screenshot({ path: `${SHOTS}/scenarios.png`, fullPage: true });

  await chip(page, "Concept", "Kubernetes").click();
  await expect(page).toHaveURL(/concept=kubernetes/);
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page)).toContainText("A pod calls another service in Kubernetes");
  await expect(chip(page, "Concept", "Kubernetes")).toHaveAttribute("aria-current", "true");
  await expect(page.getByTestId("drills-card")).toHaveCount(0);

  await chip(page, "Concept", "Cloud networking").click();
  await chip(page, "Difficulty", "Intermediate").click();
  await expect(page).toHaveURL(/concept=cloud/);
  await expect(page).toHaveURL(/difficulty=intermediate/);
  await expect(cards(page)).toHaveCount(2);
  await expect(page.getByTestId("scenario-count")).toHaveText(/2 of 6 scenarios match/);
  await page.screenshot({ path: `${SHOTS}/scenarios-filtered.png`, fullPage: true });

  await chip(page, "Concept", "Addressing").click();
  await chip(page, "Difficulty", "All").click();
  await expect(page.getByTestId("drills-card")).toBeVisible();

  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/scenarios$/);
  await expect(cards(page)).toHaveCount(6);
});

test("filters work without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/scenarios");
  await chip(page, "Difficulty", "Beginner").click();
  await expect(page).toHaveURL(/difficulty=beginner/);
  await expect(cards(page)).toHaveCount(2);
  await context.close();
});

test("the google.com study page: story, diagram, flows and a way to practise, but no answers", async ({ page }) => {
  await page.goto("/scenarios");
  await page.getByRole("link", { name: "What happens when you type google.com?" }).click();
  await expect(page).toHaveURL(/\/scenarios\/browser-to-google$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What happens when you type google.com?");

  // Variant 0: the source text's own numbers.
  const story = page.getByRole("region", { name: "The story" });
  await expect(story).toContainText("You are at home on your laptop (192.168.1.10)");
  await expect(story).toContainText("203.0.113.50");

  const diagram = page.getByRole("img", { name: /network diagram with 11 nodes/ });
  await expect(diagram).toBeVisible();
  await expect(diagram).toHaveAttribute("aria-label", /Your laptop, host \(192\.168\.1\.10\/24\)/);
  const table = page.getByRole("table", { name: "Nodes and their interfaces" });
  await expect(table).toContainText("AA:BB:CC:DD:EE:FF");
  await expect(table).toContainText("Home Wi-Fi 192.168.1.0/24");

  // Hovering a node shows its interfaces.
  const router = page.locator('[data-node="home-router"]');
  await router.hover();
  const card = page.locator("svg .p1");
  await expect(card).toBeVisible();
  await expect(card).toContainText("12:22:33:44:55:66");

  await expect(page.getByRole("region", { name: "What you will trace" }).getByRole("listitem")).toHaveCount(4);
  await expect(page.getByText("Where does a packet sent with TTL 1 die, and who tells you?")).toBeVisible();

  const practise = page.getByRole("group", { name: "Practise" });
  for (const name of [/^Beginner/, /^Intermediate/, /^Advanced/]) await expect(practise.getByRole("button", { name })).toBeVisible();

  // Context only: no trace, no decisions, no hop keys on this page.
  const text = await page.locator("main").innerText();
  expect(text).not.toMatch(/Route lookup for|@home-router|dns\.query|TTL 64 -> 63/);
  await page.screenshot({ path: `${SHOTS}/study-google.png`, fullPage: true });
  await router.hover();
  await page.screenshot({ path: `${SHOTS}/study-diagram-hover.png`, clip: (await page.locator("figure").first().boundingBox())! });
});

test("an unknown scenario is a 404", async ({ page }) => {
  const response = await page.goto("/scenarios/no-such-scenario");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("Practise on the study page starts an attempt at the chosen difficulty", async ({ page }) => {
  await page.goto("/scenarios/ssh-via-bastion");
  await page.getByRole("group", { name: "Practise" }).getByRole("button", { name: /^Advanced/ }).click();
  await expect(page).toHaveURL(/\/practice\/[A-Za-z0-9_-]+$/);
});

test("the packet journey of a submitted attempt: the path on the diagram and the layer inspector", async ({ page }) => {
  // Attempts draw secret seeds; this test reads the source text's numbers, so it pins seed 0.
  const started = await page.request.post("/api/v1/attempts", { data: { scenarioId: "browser-to-google", difficulty: "beginner" } });
  expect(started.status()).toBe(201);
  const { id } = (await started.json()) as { id: string };
  pinAttemptSeed(id, 0);
  expect((await page.request.post(`/api/v1/attempts/${id}/submit`)).status()).toBe(200);

  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.setViewportSize({ width: 1280, height: 1300 });
  await page.goto(`/practice/${id}`);
  const journey = page.getByTestId("journey-section");
  await expect(journey).toBeVisible({ timeout: 20_000 });
  await expect(journey.getByRole("img", { name: /network diagram/ })).toBeVisible();

  // Pick the first flow and the DNS query as it leaves the home router.
  await journey.getByRole("combobox", { name: "Flow" }).selectOption("first-visit");
  await journey.getByRole("button", { name: /dns\.query: forwarded by Home router \(NAT\)/ }).click();
  const inspector = page.getByTestId("layer-inspector");
  await expect(inspector).toHaveAttribute("data-key", "dns.query@home-router");
  for (const layer of ["Ethernet II", "Internet Protocol version 4", "User Datagram Protocol", "Domain Name System"]) {
    await expect(inspector.locator("summary", { hasText: layer })).toBeVisible();
  }
  await expect(inspector.locator("summary", { hasText: "Decisions at Home router (NAT)" })).toBeVisible();
  await expect(inspector).toContainText("Source NAT: 192.168.1.10:52431 becomes 203.0.113.50:10001.");
  await expect(inspector).toContainText("home-router main");

  // The layers are native <details>: they fold.
  const ethernet = inspector.locator('details[data-layer="eth"]');
  await ethernet.locator("summary").click();
  await expect(ethernet).not.toHaveAttribute("open", "");

  // The packet is at the router, having crossed the home Wi-Fi; reduced motion puts it there at once.
  await expect(page.locator('[data-node="home-router"]')).toHaveClass(/current/);
  await expect(page.locator('[data-link="home-wifi:home-router:laptop"]')).toHaveClass(/active/);
  await expect(page.getByTestId("packet-dot")).toHaveAttribute("transform", /translate\(\d+(\.\d)? \d+(\.\d)?\)/);

  // Keyboard: arrows step, Space plays and pauses.
  await journey.focus();
  await page.keyboard.press("ArrowRight");
  await expect(inspector).toHaveAttribute("data-key", "dns.query@internet");
  await page.keyboard.press("ArrowLeft");
  await expect(inspector).toHaveAttribute("data-key", "dns.query@home-router");
  await journey.evaluate((el) => el.scrollIntoView());
  await page.screenshot({ path: `${SHOTS}/journey.png` });
  const play = journey.getByTestId("play");
  await page.keyboard.press("Space");
  await expect(play).toHaveAttribute("aria-pressed", "true");
  await expect(inspector).not.toHaveAttribute("data-key", "dns.query@home-router", { timeout: 5_000 });
  await page.keyboard.press("Space");
  await expect(play).toHaveAttribute("aria-pressed", "false");

  // A drop: the TTL-1 probe dies at the home router, with a red cross on the diagram.
  await journey.getByRole("combobox", { name: "Flow" }).selectOption("ttl-one");
  await journey.getByRole("button", { name: /tcp\.syn: dropped at Home router/ }).click();
  await expect(page.getByTestId("drop-marker")).toBeVisible();
  await expect(page.getByTestId("drop-marker")).toContainText("TTL_EXCEEDED");
  await expect(inspector).toContainText("Dropped: TTL_EXCEEDED");
  await journey.evaluate((el) => el.scrollIntoView());
  await page.screenshot({ path: `${SHOTS}/journey-drop.png` });
});
