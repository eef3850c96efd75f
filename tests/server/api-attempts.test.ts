/**
 * The attempts API end to end against a real (migrated, throwaway) database: start, autosave,
 * reload, submit exactly once, the trace only after submission, and to nobody but the owner.
 * Handlers are called directly; only the request's owner is mocked.
 */
import { expect, test, vi } from "vitest";
import { POST as startAttempt } from "@/app/api/v1/attempts/route";
import { GET as getAttempt } from "@/app/api/v1/attempts/[id]/route";
import { PUT as saveAnswers, POST as beaconAnswers } from "@/app/api/v1/attempts/[id]/answers/route";
import { POST as submit } from "@/app/api/v1/attempts/[id]/submit/route";
import { GET as getTrace } from "@/app/api/v1/attempts/[id]/trace/route";
import { getDb } from "@/lib/server/db";
import { createUserWithPassword } from "@/lib/server/users";
import { call, json } from "./support/api-client";
import { actAs, newGuest } from "./support/mock-owner";
import { describeEachDatabase } from "./support/test-database";
import { attemptAnswers } from "./support/attempt-key";
import type { Owner } from "@/lib/server/owner";

vi.mock("@/lib/server/request-owner", () => import("./support/mock-owner"));

const GOOGLE = "browser-to-google";

let counter = 0;
async function newUser(): Promise<Owner> {
  const created = await createUserWithPassword({ email: `api${++counter}-${Date.now()}@example.com`, password: "a long enough password" });
  if (!created.ok) throw new Error("could not create a test user");
  return { userId: created.user.id };
}

async function start(owner: Owner, body: Record<string, unknown> = { scenarioId: GOOGLE, difficulty: "beginner" }) {
  actAs(owner);
  const response = await call(startAttempt, "POST", "/api/v1/attempts", { body });
  expect(response.status).toBe(201);
  return json(response);
}

const at = (id: string) => ({ params: { id } });
const get = (id: string) => call(getAttempt, "GET", `/api/v1/attempts/${id}`, at(id));
const put = (id: string, answers: unknown) => call(saveAnswers, "PUT", `/api/v1/attempts/${id}/answers`, { ...at(id), body: { answers } });
const post = (id: string) => call(submit, "POST", `/api/v1/attempts/${id}/submit`, at(id));
const trace = (id: string) => call(getTrace, "GET", `/api/v1/attempts/${id}/trace`, at(id));

/** The model answers of an attempt's variant (read from the server's side), as a learner who knows everything would type them. */
const rightAnswers = (id: string) => attemptAnswers(id);

describeEachDatabase("attempts API", () => {
  test("starting an attempt: 201 with its id, an opaque label, the public sheet, and no seed anywhere", async () => {
    const owner = await newUser();
    const attempt = await start(owner);
    expect(attempt).toMatchObject({ scenarioId: GOOGLE, difficulty: "beginner", status: "in_progress", answers: {}, result: null, mode: "practice" });
    expect(attempt.label).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(attempt).not.toHaveProperty("seed");
    expect(attempt.sheet).not.toHaveProperty("seed");
    expect(attempt.sheet.flows.length).toBeGreaterThan(0);
    expect(attempt.sheet).not.toHaveProperty("variables");
    const row = await getDb().attempt.findUniqueOrThrow({ where: { id: attempt.id } });
    expect(row.seed).toBeGreaterThan(9_999);
    expect(JSON.stringify(attempt)).not.toMatch(new RegExp(`\\b${row.seed}\\b`));
    expect(JSON.stringify(attempt)).not.toContain(row.optionSalt!);
  });

  test("a seed cannot be chosen for an attempt: 422 naming the field", async () => {
    actAs(await newUser());
    const response = await call(startAttempt, "POST", "/api/v1/attempts", { body: { scenarioId: GOOGLE, difficulty: "beginner", seed: 42 } });
    expect(response.status).toBe(422);
    expect((await json(response)).error.fields.seed[0]).toMatch(/drawn by the server/);
  });

  test("autosave, then a reload gets the saved answers back", async () => {
    const owner = await newUser();
    const { id } = await start(owner);
    const answers = { "first-visit/dns.query@laptop/dst": "8.8.8.8:53", "first-visit/nat@home-router~2/nat": { inside: "1.2.3.4:5", translated: "", outside: "" } };
    const saved = await put(id, answers);
    expect(saved.status).toBe(200);
    expect(await json(saved)).toEqual({ saved: true, answers: 2 });
    const reloaded = await json(await get(id));
    expect(reloaded.answers).toEqual(answers);
    expect(reloaded.status).toBe("in_progress");
    expect(reloaded.result).toBeNull();

    // A later save replaces the whole set; a keepalive/beacon POST saves the same way.
    const later = { "first-visit/dns.query@laptop/dst": "8.8.4.4:53" };
    expect((await call(beaconAnswers, "POST", `/api/v1/attempts/${id}/answers`, { ...at(id), body: { answers: later } })).status).toBe(200);
    expect((await json(await get(id))).answers).toEqual(later);
  });

  test("autosave checks the answers' shape and size", async () => {
    const owner = await newUser();
    const { id } = await start(owner);
    expect((await put(id, { a: "x".repeat(301) })).status).toBe(422);
    expect((await put(id, "not an object")).status).toBe(422);
    const huge = Object.fromEntries(Array.from({ length: 450 }, (_, i) => [`blank-${i}`, "y".repeat(299)]));
    expect((await put(id, huge)).status).toBe(413);
    const notJson = await call(saveAnswers, "PUT", `/api/v1/attempts/${id}/answers`, { ...at(id), raw: "answers=1", contentType: "text/plain" });
    expect(notJson.status).toBe(415);
    expect((await json(await get(id))).answers).toEqual({});
  });

  test("another owner's attempt does not exist for them: 404 on GET, PUT, submit and trace", async () => {
    const owner = await newUser();
    const { id } = await start(owner);
    await put(id, { "first-visit/dns.query@laptop/dst": "8.8.8.8:53" });
    for (const stranger of [await newUser(), newGuest(), null]) {
      actAs(stranger);
      for (const response of [await get(id), await put(id, { x: "hijack" }), await post(id), await trace(id)]) {
        expect(response.status).toBe(404);
        expect((await json(response)).error).toEqual({ code: "not_found", message: "No attempt with that id" });
      }
    }
    actAs(owner);
    const mine = await json(await get(id));
    expect(mine.status).toBe("in_progress");
    expect(mine.answers).toEqual({ "first-visit/dns.query@laptop/dst": "8.8.8.8:53" });
  });

  test("an id that does not exist, or is not an id, is a 404", async () => {
    actAs(await newUser());
    expect((await get("ckdoesnotexist000000000000")).status).toBe(404);
    expect((await get("../../etc")).status).toBe(404);
  });

  test("the trace: 409 before submission, the journey's data after", async () => {
    const owner = await newUser();
    const { id } = await start(owner);
    const before = await trace(id);
    expect(before.status).toBe(409);
    expect((await json(before)).error.code).toBe("not_submitted");

    const answers = { ...(await rightAnswers(id)), "first-visit/tcp.syn@home-router/src": "192.0.2.1:1" };
    expect((await put(id, answers)).status).toBe(200);
    expect((await post(id)).status).toBe(200);
    const after = await trace(id);
    expect(after.status).toBe(200);
    const journey = await json(after);
    expect(journey.diagram.nodes.length).toBeGreaterThan(0);
    expect(journey.flows.map((f: { id: string }) => f.id)).toContain("first-visit");
    expect(journey.flows[0].events.length).toBeGreaterThan(0);
    expect(journey).toMatchObject({ initialFlow: "first-visit", initialKey: "tcp.syn@home-router" });
  });

  test("20 concurrent identical submits: one stored grading, 20 identical 200 responses", async () => {
    const owner = await newUser();
    const { id } = await start(owner);
    await put(id, { ...(await rightAnswers(id)), "first-visit/tcp.syn@laptop/tcp.flags": "ACK" });
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(id)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(new Set(bodies).size).toBe(1);
    const body = JSON.parse(bodies[0]!);
    expect(body.status).toBe("submitted");
    expect(body.result.fields.find((f: { id: string }) => f.id === "first-visit/tcp.syn@laptop/tcp.flags").status).toBe("wrong");

    const rows = await getDb().attempt.findMany({ where: { id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe("submitted");
    // Mastery was added once: each concept counts one attempt.
    const concepts = await getDb().conceptScore.findMany({ where: { userId: (owner as { userId: string }).userId } });
    expect(concepts.length).toBeGreaterThan(0);
    expect(concepts.every((c) => c.attempts === 1)).toBe(true);

    // A retried submit later still answers 200 with the very same result.
    expect(await (await post(id)).text()).toBe(bodies[0]);
    const view = await json(await get(id));
    expect(view.result).toEqual(body.result);
  });

  test("after submission the answers are frozen: PUT → 409", async () => {
    const owner = newGuest();
    const { id } = await start(owner);
    await put(id, { "first-visit/dns.query@laptop/dst": "8.8.8.8:53" });
    await post(id);
    const response = await put(id, { "first-visit/dns.query@laptop/dst": "1.1.1.1:53" });
    expect(response.status).toBe(409);
    expect((await json(response)).error.code).toBe("already_submitted");
    expect((await json(await get(id))).answers).toEqual({ "first-visit/dns.query@laptop/dst": "8.8.8.8:53" });
  });

  test("a guest can start, save and submit", async () => {
    const guest = newGuest();
    const { id } = await start(guest);
    await put(id, await rightAnswers(id));
    const body = await json(await post(id));
    expect(body.result.percent).toBe(100);
  });
});
