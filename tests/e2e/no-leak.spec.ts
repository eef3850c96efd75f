/**
 * Answers stay on the server: before a learner submits, nothing the browser receives while it
 * opens, fills in and reloads a practice page gives an asked value away. We record every response
 * the page gets (the HTML with its inline RSC payload, API calls and autosaves, and the scripts and
 * stylesheets, where short numbers are too common to count), fetch the
 * page's RSC payload as a client-side navigation would, and search them all for the expected
 * values, which this test computes itself with the grader. Values the learner is shown as context
 * (the story, context cells, diagram addresses and MACs) are excepted; see tests/helpers/leaks.ts.
 */
import { expect, test } from "@playwright/test";
import { leaks } from "../helpers/leaks";
import { attemptRow } from "./support/attempt-secrets";
import { containsSecret, recordResponses } from "./support/browser-record";
import { attemptSecrets } from "./support/variant-secrets";

const SCENARIOS = ["browser-to-google", "aws-private-subnet-nat", "kubernetes-service-call", "https-through-cdn"];

test.describe("no expected value reaches the browser before submission", () => {
  for (const scenarioId of SCENARIOS) {
    test(`${scenarioId} at advanced (every blank asked)`, async ({ page }) => {
      const recording = recordResponses(page);

      await page.goto("/");
      const started = await page.request.post("/api/v1/attempts", { data: { scenarioId, difficulty: "advanced" } });
      expect(started.status()).toBe(201);
      const startedBody = await started.text();
      const { id } = JSON.parse(startedBody) as { id: string };

      await page.goto(`/practice/${id}`);
      await expect(page.getByRole("button", { name: /submit/i })).toBeVisible();
      // Type an answer, wait for the autosave, and reload: the saved answers come back with the page.
      const first = page.locator("input[data-blank]").first();
      await first.fill("10.1.2.3");
      await first.blur();
      await expect(page.getByTestId("save-status")).toHaveText("Saved");
      await page.reload();
      await expect(first).toHaveValue("10.1.2.3");
      // The RSC payload a client-side navigation to the page would fetch.
      const rsc = await page.request.get(`/practice/${id}`, { headers: { RSC: "1" } });
      const view = await page.request.get(`/api/v1/attempts/${id}`);
      const { documents, code } = await recording.stop();

      const received = [...documents.map((d) => d.text), startedBody, await rsc.text(), await view.text()];
      const scripts = code.map((c) => c.text);
      expect(received.join("").length).toBeGreaterThan(10_000);
      expect(scripts.length).toBeGreaterThan(0);
      // The key, as only the server can build it: seed and option salt read from its database.
      const { key, context } = attemptSecrets(id);
      const row = attemptRow(id);
      for (const secret of [String(row.seed), row.optionSalt!, row.variantFingerprint!]) {
        expect(containsSecret(received, secret)).toBe(false);
      }
      expect(leaks(received, key.blanks, context)).toEqual([]);
      // Scripts and stylesheets are the same for every variant; short numbers there are noise.
      expect(leaks(scripts, key.blanks, context, 5)).toEqual([]);
      // And the check is live: the same search finds the answers in the key itself.
      expect(leaks(JSON.stringify(key.blanks), key.blanks, { story: "", cells: [], diagram: [] }).length).toBeGreaterThan(0);
    });
  }
});
