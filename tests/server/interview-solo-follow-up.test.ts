/**
 * A solo learner's what-if follow-up through the API, on SQLite and PostgreSQL: after the planned
 * stages the learner sees the askable follow-ups (questions only, never what they change), asks a
 * what-if, answers it, and is graded against the re-simulated trace; the report shows the
 * follow-up stage with the changed trace's values, and the learner never sees the diff.
 */
import { afterAll, expect, test, vi } from "vitest";
import { GET as reportRoute } from "@/app/api/v1/interviews/[id]/report/route";
import { GET as followUpsRoute } from "@/app/api/v1/interviews/[id]/follow-ups/route";
import { getDb } from "@/lib/server/db";
import { diffOf, keysOf } from "@/lib/server/interviews/keys";
import { setLiveBusForTests } from "@/lib/server/live";
import { createMemoryBus } from "@/lib/server/live/bus";
import { call } from "./support/api-client";
import { newGuest } from "./support/mock-owner";
import { as, command, p, startSession, view } from "./support/interview-client";
import { describeEachDatabase } from "./support/test-database";

/* eslint-disable @typescript-eslint/no-explicit-any */
vi.mock("@/lib/server/request-owner", () => import("./support/mock-owner"));
vi.mock("@/lib/server/auth/actor", () => import("./support/mock-actor"));

setLiveBusForTests(createMemoryBus());
afterAll(() => setLiveBusForTests(undefined));

describeEachDatabase("a solo interview's what-if follow-up", () => {
  test("asked after the planned stages, answered, graded against the changed trace, and in the report", async () => {
    const learner = newGuest();
    const { id } = await startSession(learner, "solo");
    // Run every planned stage (answering nothing): the follow-ups are offered once none is left.
    for (let guard = 0; guard < 20; guard += 1) {
      const next = (await view(learner, id)).body.next;
      if (!next) break;
      expect((await command(learner, id, { type: "stage-started", stageId: next.id })).status).toBe(200);
      expect((await command(learner, id, { type: "stage-submitted", stageId: next.id })).status).toBe(200);
    }
    const offered = await as(learner, () => call(followUpsRoute, "GET", "/", p(id)));
    expect(offered.status).toBe(200);
    for (const f of offered.body.followUps) expect(Object.keys(f).sort()).toEqual(["asked", "id", "question"]);
    const row = (await getDb().interviewSession.findUniqueOrThrow({ where: { id } })) as any;
    const keys = keysOf(row)!;
    const { state } = await import("@/lib/server/interviews/log").then((m) => m.loadState(id));
    const whatIfs = state.plan!.followUps.filter((f) => f.whatIf && offered.body.followUps.some((o: any) => o.id === f.id));
    expect(whatIfs.length).toBeGreaterThan(0);
    const followUp = whatIfs[0]!;
    const diff = diffOf(keys, row, followUp.whatIf!);
    if (!diff.ok) throw new Error(diff.message);

    expect((await command(learner, id, { type: "follow-up-asked", followUpId: followUp.id })).status).toBe(200);
    const next = (await view(learner, id)).body.next;
    expect(next).toEqual({ id: `follow-up-${followUp.id}`, title: "Follow-up" });
    expect((await command(learner, id, { type: "stage-started", stageId: next.id })).status).toBe(200);
    const stage = (await view(learner, id)).body.view.current;
    expect(stage.prompt).toBe(followUp.question);
    const blanks: string[] = stage.sheet.flatMap((f: any) => [...f.rows, ...f.questions]).flatMap((r: any) => r.blanks).map((b: any) => b.id);
    expect(blanks.sort()).toEqual([...diff.askable].sort());
    // The learner's browser never gets the diff: no changed value appears in their view.
    const changedValues = diff.fields.map((f) => f.after).filter((v): v is string => v !== null && /\d+\.\d+\.\d+\.\d+/.test(v));
    for (const v of changedValues) expect(JSON.stringify((await view(learner, id)).body)).not.toContain(v);

    // Answer one changed field with the changed trace's value, one with the original's.
    const right = diff.fields.find((f) => f.after !== null && diff.askable.includes(f.id) && /^\d+\.\d+\.\d+\.\d+(:\d+)?$/.test(f.after))
      ?? diff.fields.find((f) => f.after !== null)!;
    expect((await command(learner, id, { type: "answers-saved", stageId: next.id, answers: { [right.id]: right.after! } })).status).toBe(200);
    expect((await command(learner, id, { type: "stage-submitted", stageId: next.id })).status).toBe(200);
    const graded = (await view(learner, id)).body.view.current;
    expect(graded.verdicts.fields.find((f: any) => f.id === right.id).status).toBe("correct");

    expect((await command(learner, id, { type: "ended" })).status).toBe(200);
    const report = await as(learner, () => call(reportRoute, "GET", "/", p(id)));
    const fu = report.body.stages.find((s: any) => s.origin === "follow-up");
    expect(fu).toMatchObject({ id: next.id, prompt: followUp.question });
    const answered = fu.answers.find((a: any) => a.id === right.id);
    expect([answered.given, answered.expected, answered.status]).toEqual([right.after, right.after, "correct"]);
    for (const a of fu.answers) expect(a.expected).toBe(diff.key.blanks.find((b) => b.id === a.id)!.expected);
  });
});
