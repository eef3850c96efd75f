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
import { DIFFICULTIES } from "@/lib/scenario/schema";
import { getScenario, listScenarios } from "@/lib/server/catalogue";
import { loadPracticePage } from "@/lib/server/practice-page";
import { startPractice } from "@/lib/server/practice";
import { call, json } from "./support/api-client";
import { actAs, newGuest } from "./support/mock-owner";
import { describeEachDatabase } from "./support/test-database";
import { contextOf, leaks, type Context } from "../helpers/leaks";
import { attemptKey } from "./support/attempt-key";
import { getDb } from "@/lib/server/db";

vi.mock("@/lib/server/request-owner", () => import("./support/mock-owner"));

const SEEDS = [0, 17, 424242];
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

  test("the sheet carries no variables: they hold the ephemeral ports a client drew", () => {
    const found = getScenario("browser-to-google")!;
    const key = buildAnswerKey(found.scenario, 17, "beginner");
    expect(Object.keys(key.sheet)).not.toContain("variables");
    expect(leaks(key.sheet, key.blanks, contextOf({ sheet: key.sheet }, { nodes: [] }))).toEqual([]);
  });

  test.each(cases)("$scenarioId, $difficulty, seed $seed: the page data and GET /attempts/:id", async ({ scenarioId, difficulty, seed }) => {
    const owner = newGuest();
    actAs(owner);
    const started = await startPractice(owner, scenarioId, difficulty, seed);
    if (!started.ok) throw new Error(`could not start ${scenarioId}`);
    const key = await attemptKey(started.attempt.id);
    const row = await getDb().attempt.findUniqueOrThrow({ where: { id: started.attempt.id } });
    const secrets = [row.optionSalt!, row.variantFingerprint!];

    const page = await loadPracticePage(started.attempt.id, owner);
    expect(page?.status).toBe("in_progress");
    if (page?.status !== "in_progress") return;
    const context = contextOf(page, page.diagram);
    expect(leaks(page, key.blanks, context)).toEqual([]);
    expect(JSON.stringify(page)).not.toMatch(/"(expected|provenance|variables|events|trace|seed)"/);
    for (const secret of secrets) expect(JSON.stringify(page)).not.toContain(secret);

    const api = await json(await call(getAttempt, "GET", "/", { params: { id: started.attempt.id } }));
    expect(api.status).toBe("in_progress");
    expect(leaks(api, key.blanks, context)).toEqual([]);
    expect(JSON.stringify(api)).not.toMatch(/"(expected|provenance|variables|events|trace|seed)"/);
    for (const secret of secrets) expect(JSON.stringify(api)).not.toContain(secret);
  });
});
