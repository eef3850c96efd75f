/**
 * The /api/v1 handlers' input checks, called as Next.js calls them: a body that is not JSON is a
 * 415, broken JSON a 400, a body over the route's limit a 413, bad fields a 422 naming each field,
 * an unknown scenario a 404, and an inline scenario with mistakes a 422 listing them with lines.
 * None of these needs a database: every check happens before one would be touched.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, test, vi } from "vitest";
import { GET as listScenarios } from "@/app/api/v1/scenarios/route";
import { GET as getScenario } from "@/app/api/v1/scenarios/[id]/route";
import { GET as getSheet } from "@/app/api/v1/scenarios/[id]/sheet/route";
import { POST as simulate } from "@/app/api/v1/simulate/route";
import { POST as grade } from "@/app/api/v1/grade/route";
import { POST as startAttempt } from "@/app/api/v1/attempts/route";
import { buildAnswerKey } from "@/lib/grader";
import { getScenario as catalogueScenario } from "@/lib/server/catalogue";
import { call, json } from "./support/api-client";
import { actAs, newGuest } from "./support/mock-owner";

vi.mock("@/lib/server/request-owner", () => import("./support/mock-owner"));
// The one database read of these routes (is the variant in an open attempt?) is tested with a real
// database in variant-guard.test.ts; here no variant is.
vi.mock("@/lib/server/practice/variant-guard", () => import("./support/no-variant-in-practice"));

const GOOGLE = "browser-to-google";
const googleYaml = fs.readFileSync(path.join(__dirname, "../../content/scenarios/browser-to-google.yaml"), "utf8");

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`"${needle}" is not in the text`);
  return index + 1;
}

actAs(newGuest());

describe("content type, JSON and size", () => {
  test.each([
    { label: "POST /simulate", handler: simulate, path: "/api/v1/simulate" },
    { label: "POST /grade", handler: grade, path: "/api/v1/grade" },
    { label: "POST /attempts", handler: startAttempt, path: "/api/v1/attempts" },
  ])("$label: a form post → 415, broken JSON → 400", async ({ handler, path: url }) => {
    const form = await call(handler, "POST", url, { raw: "scenarioId=x", contentType: "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
    expect((await json(form)).error.code).toBe("unsupported_media_type");
    const broken = await call(handler, "POST", url, { raw: "{\"scenarioId\": " });
    expect(broken.status).toBe(400);
    expect((await json(broken)).error.code).toBe("invalid_json");
  });

  test("a 300 KB scenario → 413 from /simulate (the limit is 256 KB)", async () => {
    const response = await call(simulate, "POST", "/api/v1/simulate", { body: { scenario: `# ${"x".repeat(300 * 1024)}\n${googleYaml}` } });
    expect(response.status).toBe(413);
    expect(await json(response)).toEqual({ error: { code: "payload_too_large", message: "The request body is over 256 KB" } });
  });

  test("a body whose Content-Length lies is still cut off at the limit", async () => {
    const { makeRequest } = await import("./support/api-client");
    const request = makeRequest("POST", "/api/v1/grade", { raw: JSON.stringify({ answers: { a: "x".repeat(200 * 1024) } }) });
    request.headers.set("content-length", "10");
    expect((await grade(request)).status).toBe(413);
  });
});

describe("422: the fields that need fixing", () => {
  test.each([
    { label: "grade without anything", body: {}, fields: ["answers", "difficulty", "scenarioId", "seed"] },
    { label: "grade with a bad difficulty and seed", body: { scenarioId: GOOGLE, seed: -1, difficulty: "expert", answers: {} }, fields: ["difficulty", "seed"] },
    { label: "grade with a fractional seed", body: { scenarioId: GOOGLE, seed: 1.5, difficulty: "beginner", answers: {} }, fields: ["seed"] },
    { label: "grade with answers as a list", body: { scenarioId: GOOGLE, seed: 1, difficulty: "beginner", answers: ["a"] }, fields: ["answers"] },
    { label: "grade with a 301-character answer", body: { scenarioId: GOOGLE, seed: 1, difficulty: "beginner", answers: { a: "x".repeat(301) } }, fields: ["answers"] },
    { label: "grade with 501 answers", body: { scenarioId: GOOGLE, seed: 1, difficulty: "beginner", answers: Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`b${i}`, "1"])) }, fields: ["answers"] },
    { label: "grade with a number as an answer", body: { scenarioId: GOOGLE, seed: 1, difficulty: "beginner", answers: { a: 5 } }, fields: ["answers"] },
    { label: "grade with an unknown NAT part", body: { scenarioId: GOOGLE, seed: 1, difficulty: "beginner", answers: { a: { inside: "1.2.3.4:5", sideways: "x" } } }, fields: ["answers"] },
    { label: "attempt with an id that is not an id", body: { scenarioId: "../etc/passwd", difficulty: "beginner" }, fields: ["scenarioId"] },
    { label: "simulate with neither id nor scenario", body: { seed: 1 }, fields: ["scenario"] },
    { label: "simulate with both id and scenario", body: { scenarioId: GOOGLE, scenario: "id: x" }, fields: ["scenario"] },
    { label: "simulate with a scenario that is a number", body: { scenario: 42 }, fields: ["scenario"] },
  ])("$label", async ({ label, body, fields }) => {
    const handler = label.startsWith("grade") ? grade : label.startsWith("attempt") ? startAttempt : simulate;
    const response = await call(handler, "POST", "/api/v1/x", { body });
    expect(response.status).toBe(422);
    const error = (await json(response)).error;
    expect(error.code).toBe("invalid_input");
    expect(Object.keys(error.fields).sort()).toEqual(fields);
    for (const messages of Object.values(error.fields) as string[][]) for (const m of messages) expect(m).toMatch(/\w/);
  });

  test("a bad seed in a query string → 422", async () => {
    const response = await call(getSheet, "GET", "/api/v1/scenarios/browser-to-google/sheet", { params: { id: GOOGLE }, query: { seed: "many", difficulty: "hard" } });
    expect(response.status).toBe(422);
    expect(Object.keys((await json(response)).error.fields).sort()).toEqual(["difficulty", "seed"]);
  });
});

describe("unknown scenarios → 404", () => {
  test.each([
    { label: "GET /scenarios/:id", run: () => call(getScenario, "GET", "/api/v1/scenarios/nope", { params: { id: "no-such-scenario" } }) },
    { label: "GET /scenarios/:id (not an id)", run: () => call(getScenario, "GET", "/api/v1/scenarios/x", { params: { id: "..%2F" } }) },
    { label: "GET /scenarios/:id/sheet", run: () => call(getSheet, "GET", "/api/v1/scenarios/nope/sheet", { params: { id: "no-such-scenario" } }) },
    { label: "POST /simulate", run: () => call(simulate, "POST", "/api/v1/simulate", { body: { scenarioId: "no-such-scenario" } }) },
    { label: "POST /grade", run: () => call(grade, "POST", "/api/v1/grade", { body: { scenarioId: "no-such-scenario", seed: 1, difficulty: "beginner", answers: {} } }) },
    { label: "POST /attempts", run: () => call(startAttempt, "POST", "/api/v1/attempts", { body: { scenarioId: "no-such-scenario", difficulty: "beginner" } }) },
  ])("$label", async ({ run }) => {
    const response = await run();
    expect(response.status).toBe(404);
    expect((await json(response)).error).toEqual({ code: "not_found", message: "No scenario with that id" });
  });
});

describe("scenarios", () => {
  test("the list has every scenario's summary", async () => {
    const response = await call(listScenarios, "GET", "/api/v1/scenarios");
    expect(response.status).toBe(200);
    const { scenarios } = await json(response);
    expect(scenarios.map((s: { id: string }) => s.id)).toContain(GOOGLE);
    expect(scenarios[0]).toEqual(expect.objectContaining({ id: expect.any(String), title: expect.any(String), difficulty: expect.any(String), concepts: expect.any(Array) }));
  });

  test("one scenario: summary, the seed-0 story, and the diagram of the seed asked for", async () => {
    const response = await call(getScenario, "GET", "/api/v1/scenarios/browser-to-google", { params: { id: GOOGLE }, query: { seed: "7" } });
    expect(response.status).toBe(200);
    const detail = await json(response);
    expect(detail).toMatchObject({ id: GOOGLE, seed: 7 });
    expect(detail.story).toContain("192.168.1.10");
    expect(detail.variantStory).not.toContain("192.168.1.10");
    const laptop = detail.diagram.nodes.find((n: { id: string }) => n.id === "laptop");
    expect(detail.variantStory).toContain(laptop.addresses[0].split("/")[0]);
  });

  test("the sheet is the public one: no expected values, no variables", async () => {
    const response = await call(getSheet, "GET", "/api/v1/scenarios/browser-to-google/sheet", { params: { id: GOOGLE }, query: { seed: "7", difficulty: "beginner" } });
    expect(response.status).toBe(200);
    const sheet = await json(response);
    expect(sheet).toMatchObject({ scenarioId: GOOGLE, seed: 7, difficulty: "beginner" });
    expect(sheet).not.toHaveProperty("variables");
    const text = JSON.stringify(sheet);
    expect(text).not.toMatch(/"expected"|"provenance"|"reason"/);
    const found = catalogueScenario(GOOGLE)!;
    const key = buildAnswerKey(found.scenario, 7, "beginner");
    expect(sheet.blankCount).toBe(key.blanks.length);
    const nat = key.blanks.find((b) => b.kind === "nat-entry")!;
    expect(text).not.toContain(nat.expected);
  });
});

describe("POST /simulate", () => {
  test("a catalogue scenario by id: the trace for the seed", async () => {
    const response = await call(simulate, "POST", "/api/v1/simulate", { body: { scenarioId: GOOGLE, seed: 3 } });
    expect(response.status).toBe(200);
    const trace = await json(response);
    expect(trace).toMatchObject({ format: "hopwise-trace/1", scenarioId: GOOGLE, seed: 3 });
  });

  test("an inline YAML scenario: the trace, the same as for the catalogue's copy", async () => {
    const inline = await json(await call(simulate, "POST", "/api/v1/simulate", { body: { scenario: googleYaml, seed: 5 } }));
    const byId = await json(await call(simulate, "POST", "/api/v1/simulate", { body: { scenarioId: GOOGLE, seed: 5 } }));
    expect(inline).toEqual(byId);
  });

  test("an inline JSON object scenario works too", async () => {
    const { parse } = await import("yaml");
    const response = await call(simulate, "POST", "/api/v1/simulate", { body: { scenario: parse(googleYaml, { merge: true }) } });
    expect(response.status).toBe(200);
    expect((await json(response)).seed).toBe(0);
  });

  test("an invalid inline YAML scenario → 422 with each problem's path and line", async () => {
    const broken = googleYaml
      .replace("    hops: 10\n", "    hops: ten\n")
      .replace('mac: "AA:BB:CC:DD:EE:FF"', 'mac: "AA:BB:CC:DD:EE:GG"');
    const response = await call(simulate, "POST", "/api/v1/simulate", { body: { scenario: broken } });
    expect(response.status).toBe(422);
    const error = (await json(response)).error;
    expect(error.code).toBe("invalid_scenario");
    expect(error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: "nodes[2].hops", line: lineOf(broken, "hops: ten") })]));
    expect(error.issues.every((i: { line: unknown; message: unknown }) => typeof i.line === "number" && typeof i.message === "string")).toBe(true);

    // Schema errors come first; once the schema passes, compile errors (a bad MAC) are found, with their line too.
    const onlyMac = googleYaml.replace('mac: "AA:BB:CC:DD:EE:FF"', 'mac: "AA:BB:CC:DD:EE:GG"');
    const macError = (await json(await call(simulate, "POST", "/api/v1/simulate", { body: { scenario: onlyMac } }))).error;
    expect(macError.issues).toEqual([expect.objectContaining({ path: "nodes[0].interfaces[0].mac", line: lineOf(onlyMac, "EE:GG") })]);
  });

  test("YAML that does not parse → 422 with the line", async () => {
    const response = await call(simulate, "POST", "/api/v1/simulate", { body: { scenario: "id: x\ntitle: [unclosed\nsummary: y\n" } });
    expect(response.status).toBe(422);
    const { issues } = (await json(response)).error;
    expect(issues[0]).toEqual(expect.objectContaining({ path: "(yaml)", line: expect.any(Number) }));
    const duplicate = (await json(await call(simulate, "POST", "/api/v1/simulate", { body: { scenario: "id: x\ntitle: t\nid: y\n" } }))).error;
    expect(duplicate.issues).toEqual([{ path: "(yaml)", line: 3, message: "Map keys must be unique" }]);
  });

  test("an invalid JSON object scenario → 422 with paths (no lines: there are none to give)", async () => {
    const response = await call(simulate, "POST", "/api/v1/simulate", { body: { scenario: { id: "Not An Id", title: 3 } } });
    expect(response.status).toBe(422);
    const { issues } = (await json(response)).error;
    expect(issues.length).toBeGreaterThan(1);
    expect(issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(["id", "title"]));
    expect(issues.every((i: { line: unknown }) => i.line === null)).toBe(true);
  });
});
