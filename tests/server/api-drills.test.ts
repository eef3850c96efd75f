/**
 * The drills API against a real (migrated, throwaway) database: /next never carries an answer,
 * /grade grades by regenerating the drill and records it for the owner, and no body, however
 * hostile, gets anything but a 4xx with the usual error shape.
 */
import { expect, test, vi } from "vitest";
import { GET as nextDrill } from "@/app/api/v1/drills/next/route";
import { POST as gradeDrill } from "@/app/api/v1/drills/grade/route";
import { answerKey, generateDrill } from "@/lib/drills";
import { DRILL_KINDS, type DrillKind, type PublicDrill } from "@/lib/drills/types";
import { listDrillAttemptsForOwner } from "@/lib/server/drills";
import { call, json } from "./support/api-client";
import { actAs, guestsCreated, newGuest } from "./support/mock-owner";
import { describeEachDatabase } from "./support/test-database";

vi.mock("@/lib/server/request-owner", () => import("./support/mock-owner"));

async function fetchDrill(kind?: string): Promise<PublicDrill> {
  const response = await call(nextDrill, "GET", "/api/v1/drills/next", kind === undefined ? {} : { query: { kind } });
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  return (await json<{ drill: PublicDrill }>(response)).drill;
}

const grade = (body: unknown) => call(gradeDrill, "POST", "/api/v1/drills/grade", { body });

test.each(DRILL_KINDS.map((k) => [k]))("GET /next?kind=%s: the public drill of that kind, no answers", async (kind) => {
  for (let i = 0; i < 5; i++) {
    const drill = await fetchDrill(kind);
    expect(drill.kind).toBe(kind);
    expect(Object.keys(drill).sort()).toEqual(["blanks", "id", "kind", "prompt", "seed"]);
    for (const blank of drill.blanks) expect(Object.keys(blank).sort()).toEqual(["format", "id", "label"]);
    const text = JSON.stringify(drill);
    for (const secret of ["expected", "explanation", "mistakes", "given", "feedback"]) expect(text).not.toContain(`"${secret}"`);
    // The seed regenerates exactly this drill on the server.
    expect(drill.id).toBe(generateDrill(drill.seed, kind).id);
    expect(drill.seed).toBeLessThanOrEqual(0x7fffffff);
  }
});

test("GET /next without a kind (or an empty one) lets the bank choose", async () => {
  const kinds = new Set<string>();
  for (let i = 0; i < 30; i++) kinds.add((await fetchDrill(i % 2 ? "" : undefined)).kind);
  expect(kinds.size).toBeGreaterThan(1);
});

test.each([["nope"], ["SUBNET-FACTS"], ["subnet-facts "], ["__proto__"], ["x".repeat(5000)]])("GET /next?kind=%s: 422", async (kind) => {
  const response = await call(nextDrill, "GET", "/api/v1/drills/next", { query: { kind } });
  expect(response.status).toBe(422);
  expect((await json(response)).error.code).toBe("invalid_input");
});

describeEachDatabase("drills API", () => {
  async function rightAnswers(kind: DrillKind) {
    const drill = await fetchDrill(kind);
    return { drill, answers: answerKey(drill.seed, kind) };
  }

  test.each(DRILL_KINDS.map((k) => [k]))("POST /grade %s: right answers score full marks and are recorded", async (kind) => {
    const owner = newGuest();
    actAs(owner);
    const { drill, answers } = await rightAnswers(kind);
    const response = await grade({ seed: drill.seed, kind, answers });
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body.status).toBe("graded");
    expect(body.grade.score).toBe(body.grade.maxScore);
    expect(body.grade.blanks.every((b: { correct: boolean; explanation: string }) => b.correct && b.explanation.length > 0)).toBe(true);
    const recorded = await listDrillAttemptsForOwner(owner);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ kind, seed: drill.seed, correct: drill.blanks.length, total: drill.blanks.length });
  });

  test("a wrong answer is marked wrong with the expected value, and counted", async () => {
    const owner = newGuest();
    actAs(owner);
    const { drill, answers } = await rightAnswers("subnet-facts");
    const body = await json(await grade({ seed: drill.seed, kind: "subnet-facts", answers: { ...answers, "usable-hosts": String(Number(answers["usable-hosts"]) + 1) } }));
    const hosts = body.grade.blanks.find((b: { blankId: string }) => b.blankId === "usable-hosts");
    expect(hosts).toMatchObject({ status: "incorrect", correct: false });
    expect(hosts.expected.replace(/,/g, "")).toBe(answers["usable-hosts"]);
    expect(body.grade.score).toBe(body.grade.maxScore - 1);
    const [row] = await listDrillAttemptsForOwner(owner);
    expect(row).toMatchObject({ correct: drill.blanks.length - 1, total: drill.blanks.length });
  });

  test("an unreadable answer: only the format errors come back, nothing is recorded", async () => {
    const owner = newGuest();
    actAs(owner);
    const { drill, answers } = await rightAnswers("subnet-facts");
    const response = await grade({ seed: drill.seed, kind: "subnet-facts", answers: { ...answers, network: "300.1.2.3" } });
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body).toEqual({ status: "format-errors", errors: { network: expect.any(String) } });
    expect(JSON.stringify(body)).not.toContain(answers.broadcast!);
    expect(await listDrillAttemptsForOwner(owner)).toHaveLength(0);
  });

  test("a visitor with no cookie becomes a guest, who owns the result", async () => {
    actAs(null);
    const before = guestsCreated().length;
    const { drill, answers } = await rightAnswers("classful-class");
    expect((await grade({ seed: drill.seed, kind: "classful-class", answers })).status).toBe(200);
    expect(guestsCreated()).toHaveLength(before + 1);
    expect(await listDrillAttemptsForOwner(guestsCreated().at(-1)!)).toHaveLength(1);
  });

  const ok = { seed: 7, kind: "classful-class", answers: { class: "A" } };
  test.each([
    { label: "not JSON", raw: "{nope", status: 400 },
    { label: "JSON but not an object", body: [1, 2, 3], status: 422 },
    { label: "null", body: null, status: 422 },
    { label: "a string", body: "hello", status: 422 },
    { label: "no seed", body: { kind: "classful-class", answers: {} }, status: 422 },
    { label: "a negative seed", body: { ...ok, seed: -1 }, status: 422 },
    { label: "a fractional seed", body: { ...ok, seed: 1.5 }, status: 422 },
    { label: "a seed as a string", body: { ...ok, seed: "7" }, status: 422 },
    { label: "a seed above 2^31", body: { ...ok, seed: 2 ** 31 }, status: 422 },
    { label: "a huge seed", body: { ...ok, seed: 1e300 }, status: 422 },
    { label: "an unknown kind", body: { ...ok, kind: "nope" }, status: 422 },
    { label: "answers as an array", body: { ...ok, answers: ["A"] }, status: 422 },
    { label: "an answer that is an object", body: { ...ok, answers: { class: { toString: "A" } } }, status: 422 },
    { label: "an answer that is a number", body: { ...ok, answers: { class: 1 } }, status: 422 },
    { label: "a very long answer", body: { ...ok, answers: { class: "A".repeat(10_000) } }, status: 422 },
    { label: "too many answers", body: { ...ok, answers: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`b${i}`, "x"])) }, status: 422 },
    { label: "an extra top-level field", body: { ...ok, correct: true }, status: 422 },
  ])("hostile body: $label -> $status", async ({ raw, body, status }) => {
    actAs(newGuest());
    const response = await call(gradeDrill, "POST", "/api/v1/drills/grade", raw === undefined ? { body } : { raw });
    expect(response.status).toBe(status);
    expect((await json(response)).error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });

  test("a body that is not JSON by content type: 415", async () => {
    const response = await call(gradeDrill, "POST", "/api/v1/drills/grade", { raw: "seed=1", contentType: "application/x-www-form-urlencoded" });
    expect(response.status).toBe(415);
  });

  test.each([
    { label: "a __proto__ answer key", answers: JSON.parse('{"__proto__": "A", "class": "B"}') },
    { label: "unknown blank ids", answers: { nope: "A", class: "A" } },
    { label: "no answers at all", answers: {} },
    { label: "empty strings", answers: { class: "" } },
    { label: "control characters", answers: { class: "\u0000\u202e" } },
  ])("odd but well-formed answers never throw: $label", async ({ answers }) => {
    actAs(newGuest());
    const response = await grade({ seed: 7, kind: "classful-class", answers });
    expect(response.status).toBe(200);
    expect(["graded", "format-errors"]).toContain((await json(response)).status);
  });
});
