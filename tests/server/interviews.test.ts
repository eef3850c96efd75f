/**
 * Interview sessions against real (migrated, throwaway) databases: the event log under concurrent
 * appends, the SSE stream's catch-up from Last-Event-ID, what the candidate's stream and view may
 * carry, who may see a session at all, and the variant guard while a session runs. Route handlers
 * are called directly; only the request's owner is mocked.
 */
import { afterAll, describe, expect, test, vi } from "vitest";
import { POST as startRoute, GET as listRoute } from "@/app/api/v1/interviews/route";
import { POST as joinRoute } from "@/app/api/v1/interviews/join/route";
import { POST as commandRoute } from "@/app/api/v1/interviews/[id]/commands/route";
import { GET as eventsRoute } from "@/app/api/v1/interviews/[id]/events/route";
import { GET as reportRoute } from "@/app/api/v1/interviews/[id]/report/route";
import { GET as followUpsRoute } from "@/app/api/v1/interviews/[id]/follow-ups/route";
import { DIMENSIONS } from "@/lib/interview/rubric";
import { insertEvents, readLog } from "@/lib/server/interviews/store";
import { isVariantInPractice } from "@/lib/server/practice/variant-guard";
import { getDb } from "@/lib/server/db";
import { setLiveBusForTests } from "@/lib/server/live";
import { createMemoryBus } from "@/lib/server/live/bus";
import type { Owner } from "@/lib/server/owner";
import { call } from "./support/api-client";
import { newGuest } from "./support/mock-owner";
import { actAs, as, command, newUser, p, SCENARIO, view } from "./support/interview-client";
import { describeEachDatabase } from "./support/test-database";
import { containsToken, distinctiveValues, strings } from "../helpers/leaks";
import { answerKeyFor, getScenario } from "@/lib/server/catalogue";

// Tests read response and stream fields freely and assert their values (as tests/server/support/api-client.ts does).
/* eslint-disable @typescript-eslint/no-explicit-any */
vi.mock("@/lib/server/request-owner", () => import("./support/mock-owner"));
vi.mock("@/lib/server/auth/actor", () => import("./support/mock-actor"));

// The in-process bus on both databases here; tests/server/live-bus.test.ts covers LISTEN/NOTIFY.
setLiveBusForTests(createMemoryBus());
afterAll(() => setLiveBusForTests(undefined));

/** A live session on browser-to-google with a candidate joined by code and the first stage running. */
async function liveSession() {
  const interviewer = await newUser();
  const started = await as(interviewer, () => call(startRoute, "POST", "/api/v1/interviews", { body: { scenarioId: SCENARIO, mode: "live" } }));
  expect(started.status).toBe(201);
  const candidate = newGuest();
  const joined = await as(candidate, () => call(joinRoute, "POST", "/api/v1/interviews/join", { body: { code: started.body.joinCode.toLowerCase().replace("-", " ") } }));
  expect(joined.status).toBe(200);
  const id: string = started.body.id;
  const console0 = (await view(interviewer, id)).body;
  const first = console0.view.stages[0];
  expect((await command(interviewer, id, { type: "stage-started", stageId: first.id })).status).toBe(200);
  return { interviewer, candidate, id, stageId: first.id as string };
}

/** Reads SSE messages from a stream until `count` messages with an id arrived (or the time is up). */
async function readMessages(response: Response, count: number, ms = 5_000): Promise<{ id: number; data: any }[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const out: { id: number; data: any }[] = [];
  let buffer = "";
  const deadline = Date.now() + ms;
  while (out.length < count && Date.now() < deadline) {
    const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
    if (!chunk || chunk.done) break;
    buffer += decoder.decode(chunk.value, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const id = block.match(/^id: (\d+)$/m)?.[1];
      const data = block.match(/^data: (.*)$/m)?.[1];
      if (id && data) out.push({ id: Number(id), data: JSON.parse(data) });
    }
  }
  await reader.cancel().catch(() => {});
  return out;
}

function openStream(owner: Owner, id: string, lastEventId?: number) {
  actAs(owner);
  const controller = new AbortController();
  const response = call(eventsRoute, "GET", `/api/v1/interviews/${id}/events`, { ...p(id), signal: controller.signal, ...(lastEventId !== undefined ? { query: { lastEventId: String(lastEventId) } } : {}) });
  return { response, abort: () => controller.abort() };
}

describeEachDatabase("interview sessions", () => {
  test("concurrent appends all land, in one unbroken sequence, with every answer merged", async () => {
    const { candidate, id, stageId, interviewer } = await liveSession();
    const blanks: string[] = (await view(interviewer, id)).body.view.stages[0].fields.map((f: { id: string }) => f.id);
    expect(blanks.length).toBeGreaterThan(2);
    const results = await Promise.all(blanks.map((b, i) => command(candidate, id, { type: "answers-saved", stageId, answers: { [b]: `answer ${i}` } })));
    expect(results.map((r) => r.status)).toEqual(blanks.map(() => 200));
    const log = await readLog(id);
    expect(log.map((l) => l.seq)).toEqual(log.map((_, i) => i + 1));
    const answers = (await view(candidate, id)).body.view.current.answers;
    expect(answers).toEqual(Object.fromEntries(blanks.map((b, i) => [b, `answer ${i}`])));
  });

  test("two inserts at the same sequence number: exactly one commits", async () => {
    const { id } = await liveSession();
    const last = (await readLog(id)).at(-1)!;
    const note = (text: string) => ({ type: "note-added" as const, at: last.event.at + 1, actor: "interviewer" as const, text });
    const results = await Promise.all([insertEvents(id, last.seq, [note("a")], false), insertEvents(id, last.seq, [note("b")], false)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "conflict" }]);
  });

  test("the stream catches up from Last-Event-ID: the state after what was missed, id = the newest seq", async () => {
    const { candidate, id, stageId, interviewer } = await liveSession();
    const blank: string = (await view(interviewer, id)).body.view.stages[0].fields[0].id;
    const before = (await readLog(id)).at(-1)!.seq;
    await command(candidate, id, { type: "answers-saved", stageId, answers: { [blank]: "missed while away" } });
    const s = openStream(candidate, id, before);
    const [first] = await readMessages(await s.response, 1);
    s.abort();
    expect(first!.id).toBe(before + 1);
    expect(first!.data.view.current.answers[blank]).toBe("missed while away");
  });

  test("a stream sends each new append to the other side, as that side's projection", async () => {
    const { candidate, id, stageId, interviewer } = await liveSession();
    const blank: string = (await view(interviewer, id)).body.view.stages[0].fields[0].id;
    const s = openStream(interviewer, id);
    const response = await s.response;
    const reading = readMessages(response, 2);
    await new Promise((r) => setTimeout(r, 200));
    await command(candidate, id, { type: "answers-saved", stageId, answers: { [blank]: "live" } });
    const messages = await reading;
    s.abort();
    expect(messages).toHaveLength(2);
    expect(messages[1]!.data.role).toBe("interviewer");
    expect(messages[1]!.data.view.stages[0].answers[blank]).toBe("live");
    expect(messages[1]!.id).toBeGreaterThan(messages[0]!.id);
  });

  test("the candidate's view and stream carry no expected value, unrevealed hint, rubric anchor, listening point or model answer", async () => {
    const { candidate, id, stageId, interviewer } = await liveSession();
    const consoleView = (await view(interviewer, id)).body.view;
    const hints: { text: string }[] = consoleView.stages.flatMap((s: { hints: { text: string }[] }) => s.hints);
    expect(hints.length).toBeGreaterThan(1);
    // Reveal the first rung only: it may reach the candidate, the others may not.
    expect((await command(interviewer, id, { type: "hint-revealed", stageId, index: 0 })).status).toBe(200);
    const s = openStream(candidate, id);
    const [streamed] = await readMessages(await s.response, 1);
    s.abort();
    const fetched = (await view(candidate, id)).body;
    const found = getScenario(SCENARIO)!;
    const row = await getDb().interviewSession.findUniqueOrThrow({ where: { id } });
    const key = answerKeyFor(found.scenario, found.contentHash, row.seed, row.difficulty as "intermediate");
    const secrets = [
      ...key.blanks.flatMap((b) => distinctiveValues(b)),
      ...hints.slice(1).map((h) => h.text),
      ...DIMENSIONS.flatMap((d) => d.anchors),
      ...consoleView.stages.flatMap((st: { points: { point: string }[] }) => st.points.map((x) => x.point)),
      ...consoleView.followUps.flatMap((f: { modelAnswer: string | null }) => (f.modelAnswer ? [f.modelAnswer] : [])),
      String(row.seed),
    ];
    expect(secrets.length).toBeGreaterThan(10);
    for (const [label, payload] of [["stream", streamed!.data], ["view", fetched]] as const) {
      const texts = strings(payload);
      const story = payload.view.story as string;
      const leaked = secrets.filter((v) => !story.includes(v) && containsToken(texts, v));
      expect(leaked, `${label} leaks`).toEqual([]);
      expect(payload.view.current.hints, `${label} hint`).toEqual([hints[0]!.text]);
    }
  });

  test.each([
    ["a stranger with an account", async () => newUser()],
    ["a guest", async () => newGuest()],
    ["a visitor with no identity", async () => null],
  ])("%s gets 404 from the view, the stream, commands, the report and follow-ups", async (_label, who) => {
    const { id } = await liveSession();
    const stranger = await who();
    const responses = [
      await view(stranger, id),
      await as(stranger, () => call(eventsRoute, "GET", `/api/v1/interviews/${id}/events`, p(id))),
      await as(stranger, () => call(commandRoute, "POST", `/api/v1/interviews/${id}/commands`, { ...p(id), body: { type: "paused" } })),
      await as(stranger, () => call(reportRoute, "GET", `/api/v1/interviews/${id}/report`, p(id))),
      await as(stranger, () => call(followUpsRoute, "GET", `/api/v1/interviews/${id}/follow-ups`, p(id))),
    ];
    expect(responses.map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
  });

  test.each([
    ["the candidate pauses a live session", "candidate", { type: "paused" }, 403],
    ["the candidate adds a note", "candidate", { type: "note-added", text: "peek" }, 403],
    ["the interviewer saves answers", "interviewer", { type: "answers-saved", stageId: "x", answers: {} }, 403],
    ["the interviewer ends the session", "interviewer", { type: "ended" }, 200],
    ["the candidate submits a stage that does not exist", "candidate", { type: "stage-submitted", stageId: "nope" }, 409],
    ["an unknown command", "interviewer", { type: "created" }, 422],
  ])("%s: %s", async (_label, who, body, status) => {
    const s = await liveSession();
    const r = await command(who === "candidate" ? s.candidate : s.interviewer, s.id, body);
    expect(r.status).toBe(status);
  });

  test("a hint costs points, a follow-up is asked with its changed fields and graded against the changed trace", async () => {
    const { candidate, id, stageId, interviewer } = await liveSession();
    expect((await command(interviewer, id, { type: "hint-revealed", stageId, index: 0 })).status).toBe(200);
    expect((await command(candidate, id, { type: "stage-submitted", stageId })).status).toBe(200);
    const previews = (await as(interviewer, () => call(followUpsRoute, "GET", `/api/v1/interviews/${id}/follow-ups`, p(id)))).body.followUps;
    const whatIf = previews.find((f: { kind: string }) => f.kind === "what-if");
    expect(whatIf.fields.length).toBeGreaterThan(0);
    // Orderings keep their option ids across the re-simulation: one only shows as changed when its steps do.
    for (const p of previews.filter((x: { kind: string }) => x.kind === "what-if")) {
      for (const f of p.fields.filter((x: { id: string }) => x.id.startsWith("order/"))) expect(f.before.split(" ").sort()).not.toEqual(f.after.split(" ").sort());
    }
    expect((await command(interviewer, id, { type: "follow-up-asked", followUpId: whatIf.id })).status).toBe(200);
    const again = await command(interviewer, id, { type: "follow-up-asked", followUpId: whatIf.id });
    expect([again.status, again.body.error.code]).toEqual([409, "follow_up_already_asked"]);
    const console1 = (await view(interviewer, id)).body.view;
    const follow = console1.stages.find((s: { origin: string }) => s.origin === "follow-up");
    expect(follow.id).toBe(`follow-up-${whatIf.id}`);
    expect((await command(interviewer, id, { type: "stage-started", stageId: follow.id })).status).toBe(200);
    const asked = (await view(candidate, id)).body.view.current;
    expect(asked.id).toBe(follow.id);
    const answers = Object.fromEntries(whatIf.fields.map((f: { id: string; after: string }) => [f.id, f.after]));
    const sheetBlanks = new Set(asked.sheet.flatMap((fl: any) => [...fl.rows, ...fl.questions].flatMap((r: any) => r.blanks.map((b: any) => b.id))));
    const textual = Object.fromEntries(Object.entries(answers).filter(([k, v]) => sheetBlanks.has(k) && typeof v === "string" && !/^(order|choice)/.test(k)));
    expect((await command(candidate, id, { type: "answers-saved", stageId: follow.id, answers: textual })).status).toBe(200);
    expect((await command(candidate, id, { type: "stage-submitted", stageId: follow.id })).status).toBe(200);
    const graded = (await view(candidate, id)).body.view;
    const done = [graded.current, ...graded.done].find((s: { id: string }) => s.id === follow.id);
    expect(done.verdicts.score).toBeGreaterThan(0);
    const console2 = (await view(interviewer, id)).body.view;
    expect(console2.stages[0].hints[0].revealed).toBe(true);
    expect(console2.rubric.hintCost).toBe(console2.stages[0].hints[0].cost);
    expect(console2.rubric.hintCost).toBeGreaterThan(0);
    expect(console2.rubric.traceAfterHints).toBe(Math.max(0, console2.rubric.tracePercent - console2.rubric.hintCost));
  });

  test("the report: for the candidate only once ended; both list the session; the variant is guarded until then", async () => {
    const { candidate, id, interviewer } = await liveSession();
    const row = await getDb().interviewSession.findUniqueOrThrow({ where: { id } });
    expect(await isVariantInPractice(row.variantFingerprint)).toBe(true);
    expect((await as(candidate, () => call(reportRoute, "GET", `/api/v1/interviews/${id}/report`, p(id)))).status).toBe(409);
    expect((await command(interviewer, id, { type: "ended" })).status).toBe(200);
    const report = await as(candidate, () => call(reportRoute, "GET", `/api/v1/interviews/${id}/report`, p(id)));
    expect(report.status).toBe(200);
    expect(report.body.stages.length).toBeGreaterThan(0);
    expect(await isVariantInPractice(row.variantFingerprint)).toBe(false);
    expect((await as(interviewer, () => call(listRoute, "GET", "/api/v1/interviews"))).body.interviewed.map((s: { id: string }) => s.id)).toContain(id);
    expect((await as(candidate, () => call(listRoute, "GET", "/api/v1/interviews"))).body.taken.map((s: { id: string }) => s.id)).toContain(id);
  });

  test.each([
    ["a guest cannot run a live session", "guest", { scenarioId: SCENARIO, mode: "live" }, 401],
    ["an unknown scenario", "user", { scenarioId: "no-such-scenario", mode: "solo" }, 404],
    ["a seed cannot be chosen", "user", { scenarioId: SCENARIO, mode: "solo", seed: 3 }, 422],
    ["a guest may run a solo session", "guest", { scenarioId: SCENARIO, mode: "solo" }, 201],
  ])("start: %s", async (_label, who, body, status) => {
    const owner = who === "guest" ? newGuest() : await newUser();
    expect((await as(owner, () => call(startRoute, "POST", "/api/v1/interviews", { body }))).status).toBe(status);
  });

  test.each([
    ["the interviewer's own code", "own", 409],
    ["a second candidate", "second", 409],
    ["a code that does not exist", "bogus", 404],
  ])("join: %s", async (_label, who, status) => {
    const interviewer = await newUser();
    const started = (await as(interviewer, () => call(startRoute, "POST", "/api/v1/interviews", { body: { scenarioId: SCENARIO, mode: "live" } }))).body;
    await as(newGuest(), () => call(joinRoute, "POST", "/api/v1/interviews/join", { body: { code: started.joinCode } }));
    const who2 = who === "own" ? interviewer : newGuest();
    const code = who === "bogus" ? "ZZZZ-ZZZZ" : started.joinCode;
    expect((await as(who2, () => call(joinRoute, "POST", "/api/v1/interviews/join", { body: { code } }))).status).toBe(status);
  });
});

describe("interview streams", () => {
  test("Last-Event-ID is read from the header or the query, digits only", async () => {
    const { lastEventIdOf } = await import("@/lib/server/interviews/stream");
    expect(lastEventIdOf(new Request("http://x/e", { headers: { "last-event-id": "12" } }))).toBe(12);
    expect(lastEventIdOf(new Request("http://x/e?lastEventId=7"))).toBe(7);
    expect(lastEventIdOf(new Request("http://x/e", { headers: { "last-event-id": "1; drop" } }))).toBeNull();
    expect(lastEventIdOf(new Request("http://x/e"))).toBeNull();
  });
});
