/**
 * Before submission, nothing the browser gets gives an answer away: the data the practice page
 * embeds (loadPracticePage) and GET /api/v1/attempts/:id contain no expected value of an asked
 * blank, unless the learner is shown that value as context anyway (the story, a context cell of the
 * hop table, an address or MAC on the diagram).
 *
 * Only distinctive values are checked: addresses, sockets and their parts, MACs, host names,
 * sequence numbers and ports of 3+ digits. Short numbers (a TTL of 63, a port of 53, an ack of 1)
 * turn up by accident in any text, such as a coordinate of the diagram or a count, and matching
 * them would prove nothing either way. Values are matched as whole tokens inside the JSON's
 * strings, so 10.0.0.1 does not match inside 10.0.0.12 (but does inside 10.0.0.1:80) and numbers (diagram coordinates) are skipped.
 */
import { expect, test, vi } from "vitest";
import { GET as getAttempt } from "@/app/api/v1/attempts/[id]/route";
import { buildAnswerKey } from "@/lib/grader";
import type { KeyBlank } from "@/lib/grader/types";
import { DIFFICULTIES } from "@/lib/scenario/schema";
import { getScenario, listScenarios } from "@/lib/server/catalogue";
import { loadPracticePage } from "@/lib/server/practice-page";
import { startPractice } from "@/lib/server/practice";
import { call, json } from "./support/api-client";
import { actAs, newGuest } from "./support/mock-owner";
import { describeEachDatabase } from "./support/test-database";

vi.mock("@/lib/server/request-owner", () => import("./support/mock-owner"));

const SEEDS = [0, 17, 424242];
const DISTINCTIVE_KINDS = new Set(["ipv4", "socket", "nat-entry", "mac", "hostname", "u32", "port", "header"]);

/** The values of a blank worth looking for: the whole answer and its parts, if distinctive. */
function distinctiveValues(blank: KeyBlank): string[] {
  if (!DISTINCTIVE_KINDS.has(blank.kind)) return [];
  const candidates = [blank.expected, ...blank.parts.map((p) => p.expected)];
  return [...new Set(candidates)].filter((v) => {
    if (/^\d+$/.test(v)) return v.length >= 3;
    if (/^\d+\.\d+\.\d+\.\d+(:\d+)?$/.test(v)) return true;
    if (blank.kind === "header") return false; // free text (a country code, a cache status): not distinctive
    return v.length >= 4;
  });
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) { out.push(k); strings(v, out); }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const containsToken = (haystack: readonly string[], needle: string) => {
  const re = new RegExp(`(?<![\\w.])${escape(needle)}(?!\\w|\\.\\w)`, "i");
  return haystack.some((s) => re.test(s));
};

interface Context {
  readonly story: string;
  readonly cells: readonly string[];
  readonly diagram: readonly string[];
}

/** What the learner is shown as given facts. */
function contextOf(data: { sheet: { story: string; flows: readonly { rows: readonly { context: readonly { value: string }[] }[] }[] } }, diagram: { nodes: readonly { addresses: readonly string[]; interfaces: readonly { address: string | null; mac: string }[] }[] }): Context {
  return {
    story: data.sheet.story,
    cells: data.sheet.flows.flatMap((f) => f.rows.flatMap((r) => r.context.map((c) => c.value))),
    diagram: diagram.nodes.flatMap((n) => [
      ...n.addresses, ...n.addresses.map((a) => a.split("/")[0]!),
      ...n.interfaces.flatMap((i) => [i.mac, ...(i.address ? [i.address, i.address.split("/")[0]!] : [])]),
    ]),
  };
}

function leaks(payload: unknown, blanks: readonly KeyBlank[], context: Context): string[] {
  const haystack = strings(payload);
  const given = [context.story, ...context.cells, ...context.diagram];
  const out: string[] = [];
  for (const blank of blanks) {
    for (const v of distinctiveValues(blank)) {
      if (containsToken(haystack, v) && !containsToken(given, v)) out.push(`${blank.id} = ${v}`);
    }
  }
  return out;
}

const cases = listScenarios().flatMap((s) => DIFFICULTIES.flatMap((difficulty) => SEEDS.map((seed) => ({ scenarioId: s.id, difficulty, seed }))));

describeEachDatabase("no answers before submission", () => {
  test("the check itself finds a value planted in the payload", () => {
    const found = getScenario("browser-to-google")!;
    const key = buildAnswerKey(found.scenario, 17, "beginner");
    const nat = key.blanks.find((b) => b.kind === "nat-entry")!;
    const empty: Context = { story: "", cells: [], diagram: [] };
    const translated = `${nat.parts[2]!.expected}:${nat.parts[3]!.expected}`;
    expect(leaks({ x: `mapped to ${translated}` }, key.blanks, empty)).toContain(`${nat.id} = ${nat.parts[3]!.expected}`);
    expect(leaks({ x: `${translated}9` }, key.blanks, empty)).not.toContain(`${nat.id} = ${translated}`);
    expect(leaks({ x: Number(nat.parts[3]!.expected) }, key.blanks, empty)).toEqual([]);
    expect(leaks({ x: `mapped to ${translated}` }, key.blanks, { ...empty, story: `ports from ${translated}` })).toEqual([]);
  });

  test("why the sheet's variables are never sent: they hold the ephemeral ports a client drew", () => {
    const found = getScenario("browser-to-google")!;
    const key = buildAnswerKey(found.scenario, 17, "beginner");
    const diagram = { nodes: [] };
    expect(leaks(key.sheet, key.blanks, contextOf({ sheet: key.sheet }, diagram)).join("\n")).toMatch(/dns\.response@home-router\/dst = \d{5}/);
  });

  test.each(cases)("$scenarioId, $difficulty, seed $seed: the page data and GET /attempts/:id", async ({ scenarioId, difficulty, seed }) => {
    const owner = newGuest();
    actAs(owner);
    const started = await startPractice(owner, scenarioId, difficulty, seed);
    if (!started.ok) throw new Error(`could not start ${scenarioId}`);
    const found = getScenario(scenarioId)!;
    const key = buildAnswerKey(found.scenario, seed, difficulty);

    const page = await loadPracticePage(started.attempt.id, owner);
    expect(page?.status).toBe("in_progress");
    if (page?.status !== "in_progress") return;
    const context = contextOf(page, page.diagram);
    expect(leaks(page, key.blanks, context)).toEqual([]);
    expect(JSON.stringify(page)).not.toMatch(/"(expected|provenance|variables|events|trace)"/);

    const api = await json(await call(getAttempt, "GET", "/", { params: { id: started.attempt.id } }));
    expect(api.status).toBe("in_progress");
    expect(leaks(api, key.blanks, context)).toEqual([]);
    expect(JSON.stringify(api)).not.toMatch(/"(expected|provenance|variables|events|trace)"/);
  });
});
