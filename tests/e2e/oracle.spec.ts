/**
 * The oracle test in the browser: a learner with an open attempt tries every page and route they
 * can reach (the practice page and its RSC payload, the attempt API and its trace, /grade and
 * /simulate on public seeds and on an inline copy of the scenario, the scenario and sheet routes,
 * the scenario, drills and progress pages with their RSC payloads, the drill API) and never gets
 * one of that attempt's own expected values. The values come from the attempt's answer key, built
 * from the seed and salt in the server's database (tests/e2e/support/attempt-secrets.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { leaks } from "../helpers/leaks";
import { attemptSecrets } from "./support/variant-secrets";

const SCENARIOS = ["browser-to-google", "aws-private-subnet-nat"];
const PUBLIC_SEEDS = [0, 7, 9_999];

test.describe("the oracle test: an open attempt's answers cannot be had from anything a learner reaches", () => {
  for (const scenarioId of SCENARIOS) {
    test(`${scenarioId} at advanced`, async ({ page }) => {
      const received: { route: string; status: number; text: string }[] = [];
      const fetch = async (route: string, run: () => Promise<{ status(): number; text(): Promise<string> }>) => {
        const response = await run();
        received.push({ route, status: response.status(), text: await response.text() });
        return response;
      };
      page.on("response", (r) => {
        const type = r.headers()["content-type"] ?? "";
        if (!/javascript|css|font|image/.test(type)) void r.text().then((text) => received.push({ route: `browser: ${r.url()}`, status: r.status(), text }), () => {});
      });

      await page.goto("/");
      const started = await fetch("POST /attempts", () => page.request.post("/api/v1/attempts", { data: { scenarioId, difficulty: "advanced" } }));
      expect(started.status()).toBe(201);
      const { id, label } = JSON.parse(received.at(-1)!.text) as { id: string; label: string };
      await page.goto(`/practice/${id}`);
      await expect(page.getByTestId("practice-sheet")).toHaveAttribute("data-label", label);
      const req = page.request;
      const yaml = fs.readFileSync(path.join(__dirname, `../../content/scenarios/${scenarioId}.yaml`), "utf8");

      await fetch("practice RSC", () => req.get(`/practice/${id}`, { headers: { RSC: "1" } }));
      await fetch("GET /attempts/:id", () => req.get(`/api/v1/attempts/${id}`));
      const trace = await fetch("GET /attempts/:id/trace", () => req.get(`/api/v1/attempts/${id}/trace`));
      expect(trace.status()).toBe(409);
      for (const seed of PUBLIC_SEEDS) {
        await fetch(`POST /grade ${seed}`, () => req.post("/api/v1/grade", { data: { scenarioId, seed, difficulty: "advanced", answers: {} } }));
        await fetch(`POST /simulate ${seed}`, () => req.post("/api/v1/simulate", { data: { scenarioId, seed } }));
        await fetch(`GET /scenarios/:id ${seed}`, () => req.get(`/api/v1/scenarios/${scenarioId}?seed=${seed}`));
        await fetch(`GET /sheet ${seed}`, () => req.get(`/api/v1/scenarios/${scenarioId}/sheet?seed=${seed}&difficulty=advanced`));
      }
      await fetch("POST /simulate inline", () => req.post("/api/v1/simulate", { data: { scenario: yaml, seed: 0 } }));
      // The label is no seed: no route takes it.
      const byLabel = await fetch("POST /grade with the label", () => req.post("/api/v1/grade", { data: { scenarioId, seed: label, difficulty: "advanced", answers: {} } }));
      expect(byLabel.status()).toBe(422);
      const chosen = await fetch("POST /attempts with a seed", () => req.post("/api/v1/attempts", { data: { scenarioId, difficulty: "advanced", seed: 7 } }));
      expect(chosen.status()).toBe(422);
      await fetch("GET /drills/next", () => req.get("/api/v1/drills/next"));
      await fetch("GET /me/progress", () => req.get("/api/v1/me/progress"));
      for (const url of ["/", "/scenarios", `/scenarios/${scenarioId}`, "/drills", "/me"]) {
        await page.goto(url);
        await fetch(`${url} RSC`, () => req.get(url, { headers: { RSC: "1" } }));
      }
      await page.waitForLoadState("networkidle");

      expect(received.length).toBeGreaterThan(25);
      expect(received.filter((r) => r.status >= 500).map((r) => r.route)).toEqual([]);
      const { variantOnly, context } = attemptSecrets(id);
      const found = received.map((r) => ({ route: r.route, leaks: leaks(r.text, variantOnly, context) })).filter((r) => r.leaks.length > 0);
      expect(found).toEqual([]);

      // The check is live: once submitted, the attempt's own trace holds those values.
      page.once("dialog", (dialog) => void dialog.accept());
      await page.goto(`/practice/${id}`);
      await page.getByRole("button", { name: "Submit answers" }).click();
      await expect(page.getByTestId("results")).toBeVisible();
      const after = await req.get(`/api/v1/attempts/${id}/trace`);
      expect(leaks(await after.text(), variantOnly, context).length).toBeGreaterThan(0);
    });
  }
});
