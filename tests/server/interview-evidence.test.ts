/**
 * Rubric evidence through the API, on SQLite and PostgreSQL: the interviewer cites private notes
 * and the candidate's answer saves by their log entries; the log stores the references (never the
 * text again); the candidate's report shows the cited entries next to each dimension's level only
 * once the scorecard is submitted; a note nobody cited never reaches the candidate (report, view,
 * replay); and a submitted scorecard, evidence included, cannot change.
 */
import { afterAll, expect, test, vi } from "vitest";
import { GET as reportRoute } from "@/app/api/v1/interviews/[id]/report/route";
import { setLiveBusForTests } from "@/lib/server/live";
import { createMemoryBus } from "@/lib/server/live/bus";
import { loadReplay } from "@/lib/server/interviews/pages";
import { readLog } from "@/lib/server/interviews/store";
import { call } from "./support/api-client";
import { as, actAs, command, liveSession, p, view } from "./support/interview-client";
import { describeEachDatabase } from "./support/test-database";

/* eslint-disable @typescript-eslint/no-explicit-any */
vi.mock("@/lib/server/request-owner", () => import("./support/mock-owner"));
vi.mock("@/lib/server/auth/actor", () => import("./support/mock-actor"));

setLiveBusForTests(createMemoryBus());
afterAll(() => setLiveBusForTests(undefined));

const CITED = "CITED-NOTE traced the SNAT from the NAT table";
const UNCITED = "UNCITED-PRIVATE-NOTE the candidate hesitated a lot";
const ANSWER = "203.0.113.77";

/** A live session with one answer saved, two notes, and the rubric scored citing one note and the answer. */
async function scoredSession() {
  const s = await liveSession();
  const sheet = (await view(s.candidate, s.id)).body.view.current.sheet;
  const blank: string = sheet.flatMap((f: any) => f.rows).flatMap((r: any) => r.blanks)[0].id;
  expect((await command(s.candidate, s.id, { type: "answers-saved", stageId: s.stageId, answers: { [blank]: ANSWER } })).status).toBe(200);
  expect((await command(s.interviewer, s.id, { type: "note-added", text: CITED })).status).toBe(200);
  expect((await command(s.interviewer, s.id, { type: "note-added", text: UNCITED })).status).toBe(200);
  const options: any[] = (await view(s.interviewer, s.id)).body.view.evidence;
  const seqOf = (kind: string, text: string) => options.find((e) => e.kind === kind && e.text.includes(text))!.seq as number;
  const cited = { note: seqOf("note", CITED), answer: seqOf("answer", ANSWER), uncited: seqOf("note", UNCITED) };
  expect((await command(s.interviewer, s.id, { type: "rubric-scored", dimension: "reasoning", level: 3, evidence: [cited.note, cited.answer] })).status).toBe(200);
  expect((await command(s.interviewer, s.id, { type: "rubric-scored", dimension: "troubleshooting", level: 2, evidence: [] })).status).toBe(200);
  expect((await command(s.interviewer, s.id, { type: "rubric-scored", dimension: "communication", level: 4, evidence: [cited.answer] })).status).toBe(200);
  return { ...s, blank, cited };
}

const reportOf = (s: Awaited<ReturnType<typeof scoredSession>>, who: "candidate" | "interviewer") =>
  as(s[who], () => call(reportRoute, "GET", `/api/v1/interviews/${s.id}/report`, p(s.id)));
const evidenceTexts = (report: any, dimension: string): string[] => report.rubric.dimensions.find((d: any) => d.id === dimension).evidence.map((e: any) => e.text);

describeEachDatabase("interview rubric evidence", () => {
  test("the console lists notes and answer saves by log entry, and shows what each dimension cites", async () => {
    const s = await scoredSession();
    const v = (await view(s.interviewer, s.id)).body.view;
    expect(v.evidence.map((e: any) => e.kind)).toEqual(["answer", "note", "note"]);
    const reasoning = v.rubric.dimensions.find((d: any) => d.id === "reasoning");
    expect(reasoning.evidence.map((e: any) => e.seq)).toEqual([s.cited.answer, s.cited.note].sort((a, b) => a - b));
  });

  test("the log stores references to log entries, not the notes' text again", async () => {
    const s = await scoredSession();
    const log = await readLog(s.id);
    const scored = log.filter((l) => l.event.type === "rubric-scored");
    expect(scored.map((l) => (l.event as any).evidence)).toEqual([[s.cited.note, s.cited.answer], [], [s.cited.answer]]);
    expect(log.filter((l) => JSON.stringify(l.event).includes("CITED-NOTE")).map((l) => l.event.type)).toEqual(["note-added"]);
    for (const seq of [s.cited.note, s.cited.answer]) expect(["note-added", "answers-saved"]).toContain(log.find((l) => l.seq === seq)!.event.type);
  });

  test.each([
    ["a log entry that is a stage event (stage-started is entry 3)", () => [3], 409, "unknown_evidence"],
    ["a log entry past the end", () => [9_999], 409, "unknown_evidence"],
    ["a note id that does not exist", () => ["n7"], 409, "unknown_note"],
    ["a sequence number of zero", () => [0], 422, null],
    ["an object", () => [{ seq: 4 }], 422, null],
  ] as const)("citing %s is refused", async (_label, refs, status, code) => {
    const s = await scoredSession();
    const r = await command(s.interviewer, s.id, { type: "rubric-scored", dimension: "reasoning", level: 2, evidence: refs() });
    expect(r.status).toBe(status);
    if (code) expect(r.body.error.code).toBe(code);
    const reasoning = (await view(s.interviewer, s.id)).body.view.rubric.dimensions.find((d: any) => d.id === "reasoning");
    expect(reasoning.level).toBe(3);
  });

  test("the candidate's report: no evidence before the scorecard is submitted, only the cited entries after, locked", async () => {
    const s = await scoredSession();
    expect((await command(s.interviewer, s.id, { type: "ended" })).status).toBe(200);

    const before = await reportOf(s, "candidate");
    expect(before.status).toBe(200);
    for (const d of ["reasoning", "troubleshooting", "communication"]) expect(evidenceTexts(before.body, d)).toEqual([]);
    expect(JSON.stringify(before.body)).not.toContain("CITED-NOTE");
    expect(JSON.stringify(before.body)).not.toContain("UNCITED");

    expect((await command(s.interviewer, s.id, { type: "scorecard-submitted" })).status).toBe(200);
    const after = await reportOf(s, "candidate");
    expect(evidenceTexts(after.body, "reasoning")).toEqual([expect.stringContaining(ANSWER), CITED]);
    expect(evidenceTexts(after.body, "communication")).toEqual([expect.stringContaining(ANSWER)]);
    expect(evidenceTexts(after.body, "troubleshooting")).toEqual([]);
    expect(after.body.rubric.dimensions.find((d: any) => d.id === "reasoning").level).toBe(3);
    expect(JSON.stringify(after.body)).not.toContain("UNCITED");

    // Locked: neither the level nor the evidence can change once submitted.
    const edit = await command(s.interviewer, s.id, { type: "rubric-scored", dimension: "reasoning", level: 3, evidence: [s.cited.uncited] });
    expect([edit.status, edit.body.error.code]).toEqual([409, "scorecard_locked"]);
    expect(evidenceTexts((await reportOf(s, "candidate")).body, "reasoning")).toEqual([expect.stringContaining(ANSWER), CITED]);
  });

  test("an uncited private note reaches the candidate nowhere: view, replay, report", async () => {
    const s = await scoredSession();
    await command(s.interviewer, s.id, { type: "ended" });
    await command(s.interviewer, s.id, { type: "scorecard-submitted" });
    const candidateView = await view(s.candidate, s.id);
    actAs(s.candidate);
    const replay = await loadReplay(s.id);
    const report = await reportOf(s, "candidate");
    for (const [label, body] of [["view", candidateView.body], ["replay", replay], ["report", report.body]] as const) {
      expect({ label, leaked: JSON.stringify(body).includes("UNCITED") }).toEqual({ label, leaked: false });
    }
    // The cited note is in the report only, as evidence; the view and replay carry no note at all.
    expect(JSON.stringify(candidateView.body)).not.toContain("CITED-NOTE");
    expect(JSON.stringify(replay)).not.toContain("CITED-NOTE");
  });
});
