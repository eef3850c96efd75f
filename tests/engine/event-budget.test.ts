/**
 * The engine's event budget: a run that needs more events than `maxEvents` stops with a named
 * error (EVENT_BUDGET_EXCEEDED) instead of running on; a budget it fits in changes nothing about
 * the trace. Events recorded off the record (a CDN's earlier fetch, say) count too: they are work.
 */
import { describe, expect, test } from "vitest";
import { EventBudgetExceededError, simulate } from "@/lib/simulate";
import { scenario, scenarioIds } from "../helpers/scenarios";

const eventsOf = (id: string) => simulate(scenario(id), { seed: 1 }).flows.reduce((n, f) => n + f.events.length, 0);

describe.each(scenarioIds())("%s", (id) => {
  const s = scenario(id);
  const needed = eventsOf(id);

  test("a budget it fits in gives the same trace as none", () => {
    // Off-the-record events count as well, so allow a margin above the recorded ones.
    expect(JSON.stringify(simulate(s, { seed: 1, maxEvents: needed * 2 }))).toBe(JSON.stringify(simulate(s, { seed: 1 })));
  });

  test.each([
    { label: "no event at all", budget: 0 },
    { label: "half of what it records", budget: Math.floor(needed / 2) },
    { label: "one fewer than it records", budget: needed - 1 },
  ])("a budget of $label stops it, naming the reason and the budget", ({ budget }) => {
    let stopped: unknown;
    try {
      simulate(s, { seed: 1, maxEvents: budget });
    } catch (error) {
      stopped = error;
    }
    expect(stopped).toBeInstanceOf(EventBudgetExceededError);
    expect(stopped).toMatchObject({ reason: "EVENT_BUDGET_EXCEEDED", maxEvents: budget });
  });
});
