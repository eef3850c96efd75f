import { describe, expect, test } from "vitest";
import { EMPTY_SESSION, replay, replaySteps, tick, transition } from "@/lib/interview/machine";
import { stageTimer } from "@/lib/interview/timer";
import type { RefusalReason, SessionEvent } from "@/lib/interview/types";
import { created, ev, followUpStage, liveStarted, MIN, stateOf, T0 } from "./fixture";

const live = liveStarted();

describe("refusals name their reason", () => {
  const cases: [string, SessionEvent[], SessionEvent, RefusalReason][] = [
    ["an event before created", [], ev("candidate-joined", 0, "candidate"), "NOT_CREATED"],
    ["created twice", [created()], created(), "ALREADY_CREATED"],
    ["time going backwards", live, ev("paused", 0.9, "interviewer"), "TIME_WENT_BACKWARDS"],
    ["a candidate action by the interviewer", live, ev("answers-saved", 2, "interviewer", { stageId: "one", answers: { "f/a": "x" } }), "NOT_CANDIDATE"],
    ["an interviewer action by the candidate (live)", live, ev("hint-revealed", 2, "candidate", { stageId: "one", index: 0 }), "NOT_CONTROLLER"],
    ["a timeout sent by a person", live, ev("stage-timed-out", 7, "interviewer", { stageId: "one" }), "NOT_SYSTEM"],
    ["a note in a solo session", [created("solo")], ev("note-added", 1, "candidate", { text: "hm" }), "NO_INTERVIEWER_IN_SOLO"],
    ["a note by the candidate", live, ev("note-added", 2, "candidate", { text: "hm" }), "NOT_INTERVIEWER"],
    ["joining a solo session", [created("solo")], ev("candidate-joined", 1, "candidate"), "NOT_LIVE"],
    ["joining twice", live, ev("candidate-joined", 2, "candidate"), "ALREADY_JOINED"],
    ["answers before joining", [created(), ev("stage-started", 1, "interviewer", { stageId: "one" })], ev("answers-saved", 2, "candidate", { stageId: "one", answers: {} }), "CANDIDATE_NOT_JOINED"],
    ["a stage out of order", [created(), ev("candidate-joined", 0, "candidate")], ev("stage-started", 1, "interviewer", { stageId: "two" }), "STAGE_OUT_OF_ORDER"],
    ["an unknown stage", live, ev("stage-submitted", 2, "candidate", { stageId: "nope" }), "UNKNOWN_STAGE"],
    ["a second stage while one runs", live, ev("stage-started", 2, "interviewer", { stageId: "two" }), "STAGE_STILL_RUNNING"],
    ["answers to a stage not started", live, ev("answers-saved", 2, "candidate", { stageId: "two", answers: { "f/c": "x" } }), "STAGE_NOT_RUNNING"],
    ["an answer after the stage ended", [...live, ev("stage-submitted", 2, "candidate", { stageId: "one" })], ev("answers-saved", 3, "candidate", { stageId: "one", answers: { "f/a": "x" } }), "STAGE_ENDED"],
    ["an answer after the time ran out (before the tick)", live, ev("answers-saved", 6, "candidate", { stageId: "one", answers: { "f/a": "x" } }), "STAGE_TIME_UP"],
    ["a timeout before the deadline", live, ev("stage-timed-out", 5.9, "system", { stageId: "one" }), "NOT_YET_DUE"],
    ["an answer to a blank the stage does not ask", live, ev("answers-saved", 2, "candidate", { stageId: "one", answers: { "f/c": "x" } }), "UNKNOWN_BLANK"],
    ["an answer that is an object of the wrong shape", live, ev("answers-saved", 2, "candidate", { stageId: "one", answers: { "f/a": { a: 1 } as never } }), "ANSWER_INVALID"],
    ["an answer while paused", [...live, ev("paused", 2, "interviewer")], ev("answers-saved", 3, "candidate", { stageId: "one", answers: { "f/a": "x" } }), "PAUSED"],
    ["resume without pause", live, ev("resumed", 2, "interviewer"), "NOT_PAUSED"],
    ["pause with no stage", [created()], ev("paused", 1, "interviewer"), "STAGE_NOT_RUNNING"],
    ["extending by 0 minutes", live, ev("extended", 2, "interviewer", { stageId: "one", minutes: 0 }), "BAD_MINUTES"],
    ["a hint out of order", live, ev("hint-revealed", 2, "interviewer", { stageId: "one", index: 1 }), "HINT_OUT_OF_ORDER"],
    ["a hint past the ladder", live, ev("hint-revealed", 2, "interviewer", { stageId: "one", index: 3 }), "NO_SUCH_HINT"],
    ["an unknown follow-up", live, ev("follow-up-asked", 2, "interviewer", { followUpId: "nope", stage: followUpStage(["x"]) }), "UNKNOWN_FOLLOW_UP"],
    ["a what-if follow-up that changes nothing", live, ev("follow-up-asked", 2, "interviewer", { followUpId: "what-if", stage: followUpStage([]) }), "FOLLOW_UP_CHANGES_NOTHING"],
    ["a follow-up asked twice", [...live, ev("follow-up-asked", 2, "interviewer", { followUpId: "what-if", stage: followUpStage(["x"]) })], ev("follow-up-asked", 3, "interviewer", { followUpId: "what-if", stage: followUpStage(["x"], "again") }), "FOLLOW_UP_ALREADY_ASKED"],
    ["an empty note", live, ev("note-added", 2, "interviewer", { text: "  " }), "EMPTY_NOTE"],
    ["scoring trace accuracy by hand", live, ev("rubric-scored", 2, "interviewer", { dimension: "trace-accuracy", level: 4, evidence: [] }), "DIMENSION_COMPUTED"],
    ["an unknown dimension", live, ev("rubric-scored", 2, "interviewer", { dimension: "charm", level: 4, evidence: [] }), "UNKNOWN_DIMENSION"],
    ["level 5", live, ev("rubric-scored", 2, "interviewer", { dimension: "reasoning", level: 5, evidence: [] }), "LEVEL_OUT_OF_RANGE"],
    ["evidence that is not a note", live, ev("rubric-scored", 2, "interviewer", { dimension: "reasoning", level: 3, evidence: ["n9"] }), "UNKNOWN_NOTE"],
    ["a scorecard with dimensions unscored", live, ev("scorecard-submitted", 2, "interviewer"), "RUBRIC_INCOMPLETE"],
    ["a rubric edit after the scorecard", [...live, ev("rubric-scored", 2, "interviewer", { dimension: "reasoning", level: 3, evidence: [] }), ev("rubric-scored", 2, "interviewer", { dimension: "troubleshooting", level: 2, evidence: [] }), ev("rubric-scored", 2, "interviewer", { dimension: "communication", level: 4, evidence: [] }), ev("scorecard-submitted", 3, "interviewer")],
      ev("rubric-scored", 4, "interviewer", { dimension: "reasoning", level: 4, evidence: [] }), "SCORECARD_LOCKED"],
    ["verdicts for a stage still running", live, ev("stage-graded", 2, "system", { stageId: "one", score: 1, maxScore: 2, fields: [] }), "STAGE_NOT_ENDED"],
    ["a candidate action after the end", [...live, ev("ended", 2, "interviewer")], ev("stage-submitted", 3, "candidate", { stageId: "one" }), "SESSION_ENDED"],
  ];
  test.each(cases)("%s", (_label, before, event, reason) => {
    const state = stateOf(before);
    const r = transition(state, event);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal.reason).toBe(reason);
      expect(r.refusal.message.length).toBeGreaterThan(5);
      expect(r.state).toBe(state);
    }
  });
});

describe("stage order and effects", () => {
  test("stages run in plan order; each start schedules its timeout at start + minutes", () => {
    const r1 = transition(stateOf([created(), ev("candidate-joined", 0, "candidate")]), ev("stage-started", 1, "interviewer", { stageId: "one" }));
    expect(r1.ok && r1.effects).toContainEqual({ type: "schedule-timeout", stageId: "one", at: T0 + 6 * MIN });
    const s = stateOf([...live, ev("stage-submitted", 2, "candidate", { stageId: "one" })]);
    const r2 = transition(s, ev("stage-started", 3, "interviewer", { stageId: "two" }));
    expect(r2.ok && r2.effects).toContainEqual({ type: "schedule-timeout", stageId: "two", at: T0 + 6 * MIN });
    expect(r2.ok && r2.state.stages.map((x) => x.status)).toEqual(["submitted", "running"]);
  });

  test.each([
    ["as-you-go grades a stage when it is submitted", "as-you-go", "stage-submitted", 1],
    ["at-end does not grade on submit", "at-end", "stage-submitted", 0],
    ["at-end grades every stage that ran when the session ends", "at-end", "ended", 1],
  ] as const)("%s", (_l, grading, type, grades) => {
    const events = liveStarted(grading);
    const e = type === "ended" ? ev("ended", 2, "interviewer") : ev("stage-submitted", 2, "candidate", { stageId: "one" });
    const r = transition(stateOf(events), e);
    expect(r.ok && r.effects.filter((x) => x.type === "grade")).toHaveLength(grades);
  });

  test("a follow-up becomes the next stage, after the one running", () => {
    const s = stateOf([...live, ev("follow-up-asked", 2, "interviewer", { followUpId: "what-if", stage: followUpStage(["f/x"]) })]);
    expect(s.stages.map((x) => x.def.id)).toEqual(["one", "follow-up-what-if", "two"]);
    const done = stateOf([...live, ev("follow-up-asked", 2, "interviewer", { followUpId: "what-if", stage: followUpStage(["f/x"]) }), ev("stage-submitted", 3, "candidate", { stageId: "one" })]);
    expect(transition(done, ev("stage-started", 4, "interviewer", { stageId: "two" })).ok).toBe(false);
    expect(transition(done, ev("stage-started", 4, "interviewer", { stageId: "follow-up-what-if" })).ok).toBe(true);
  });

  test("a verbal follow-up needs no changed fields", () => {
    expect(transition(stateOf(live), ev("follow-up-asked", 2, "interviewer", { followUpId: "verbal", stage: { ...followUpStage([]), followUpId: "verbal", whatIf: null } })).ok).toBe(true);
  });

  test("ending stops the running stage and skips the rest", () => {
    const s = stateOf([...live, ev("ended", 2, "interviewer")]);
    expect(s.stages.map((x) => x.status)).toEqual(["stopped", "skipped"]);
    expect(s.status).toBe("ended");
  });

  test("hints go up the ladder one rung at a time", () => {
    const s = stateOf([...live, ev("hint-revealed", 2, "interviewer", { stageId: "one", index: 0 }), ev("hint-revealed", 3, "interviewer", { stageId: "one", index: 1 })]);
    expect(s.stages[0]!.hintsRevealed).toBe(2);
  });

  test("solo: the learner controls the session and answers; notes and scorecards do not exist", () => {
    const s = stateOf([created("solo"), ev("stage-started", 1, "candidate", { stageId: "one" }), ev("hint-revealed", 2, "candidate", { stageId: "one", index: 0 }),
      ev("answers-saved", 3, "candidate", { stageId: "one", answers: { "f/a": "1.2.3.4" } }), ev("stage-submitted", 4, "candidate", { stageId: "one" })]);
    expect(s.stages[0]!.answers).toEqual({ "f/a": "1.2.3.4" });
    expect(transition(s, ev("scorecard-submitted", 5, "candidate")).ok).toBe(false);
  });

  test("a transition never changes the state it is given", () => {
    const s = stateOf(live);
    const before = structuredClone(s);
    transition(s, ev("answers-saved", 2, "candidate", { stageId: "one", answers: { "f/a": "x" } }));
    transition(s, ev("ended", 2, "interviewer"));
    expect(s).toEqual(before);
  });
});

describe("timers: pause and extend", () => {
  const cases: [string, SessionEvent[], number, number][] = [
    ["two minutes into a five-minute stage", live, 3, 3 * MIN],
    ["paused for three minutes does not count", [...live, ev("paused", 2, "interviewer"), ev("resumed", 5, "interviewer")], 6, 3 * MIN],
    ["while paused the clock is frozen", [...live, ev("paused", 2, "interviewer")], 50, 4 * MIN],
    ["extended by two minutes", [...live, ev("extended", 2, "interviewer", { stageId: "one", minutes: 2 })], 3, 5 * MIN],
    ["pause, extend, resume", [...live, ev("paused", 2, "interviewer"), ev("extended", 3, "interviewer", { stageId: "one", minutes: 1 }), ev("resumed", 4, "interviewer")], 5, 4 * MIN],
    ["past the deadline the remainder is zero", live, 9, 0],
  ];
  test.each(cases)("%s", (_l, events, atMinute, remaining) => {
    const s = stateOf(events);
    expect(stageTimer(s, s.stages[0]!, T0 + atMinute * MIN).remainingMs).toBe(remaining);
  });

  test.each([
    ["at the planned deadline", live, 6],
    ["later by the pause", [...live, ev("paused", 2, "interviewer"), ev("resumed", 5, "interviewer")], 9],
    ["later by the extension", [...live, ev("extended", 2, "interviewer", { stageId: "one", minutes: 2 })], 8],
  ] as const)("tick times the stage out %s, dated at the deadline whenever it runs", (_l, events, deadlineMinute) => {
    const s = stateOf(events);
    expect(tick(s, T0 + (deadlineMinute - 0.01) * MIN)).toEqual([]);
    const late = tick(s, T0 + (deadlineMinute + 30) * MIN);
    expect(late).toEqual([{ type: "stage-timed-out", at: T0 + deadlineMinute * MIN, actor: "system", stageId: "one" }]);
    expect(tick(s, T0 + (deadlineMinute + 1) * MIN)).toEqual(late);
    const after = transition(s, late[0]!);
    expect(after.ok && after.state.stages[0]!.status).toBe("timed-out");
    expect(after.ok && stageTimer(after.state, after.state.stages[0]!, T0 + 999 * MIN).overMs).toBe(0);
  });

  test("a paused session never times out", () => {
    expect(tick(stateOf([...live, ev("paused", 2, "interviewer")]), T0 + 999 * MIN)).toEqual([]);
  });

  test("pausing cancels the timeout; resuming reschedules it later by the pause", () => {
    const p = transition(stateOf(live), ev("paused", 2, "interviewer"));
    expect(p.ok && p.effects).toContainEqual({ type: "cancel-timeout", stageId: "one" });
    const r = transition(p.state, ev("resumed", 4, "interviewer"));
    expect(r.ok && r.effects).toContainEqual({ type: "schedule-timeout", stageId: "one", at: T0 + 8 * MIN });
  });
});

describe("replay", () => {
  const log: SessionEvent[] = [
    ...live, ev("answers-saved", 2, "candidate", { stageId: "one", answers: { "f/a": "10.0.0.1" } }), ev("hint-revealed", 2.5, "interviewer", { stageId: "one", index: 0 }),
    ev("note-added", 3, "interviewer", { text: "forgot the NAT" }), ev("paused", 3.5, "interviewer"), ev("resumed", 4, "interviewer"),
    ev("stage-submitted", 4.5, "candidate", { stageId: "one" }), ev("stage-graded", 4.6, "system", { stageId: "one", score: 1, maxScore: 2, fields: [{ id: "f/a", status: "correct" }] }),
    ev("follow-up-asked", 5, "interviewer", { followUpId: "what-if", stage: followUpStage(["f/x"]) }), ev("stage-started", 5, "interviewer", { stageId: "follow-up-what-if" }),
    ev("rubric-scored", 6, "interviewer", { dimension: "reasoning", level: 3, evidence: ["n1"] }), ev("ended", 7, "interviewer"),
  ];

  test("replay(events) equals folding transition over them", () => {
    let folded = EMPTY_SESSION;
    for (const e of log) {
      const r = transition(folded, e);
      expect(r.ok).toBe(true);
      folded = r.state;
    }
    const r = replay(log);
    expect(r.ok && r.state).toEqual(folded);
    expect(JSON.parse(JSON.stringify(folded))).toEqual(folded);
  });

  test("replay is deterministic and survives a JSON round trip of the log", () => {
    expect(replay(JSON.parse(JSON.stringify(log)))).toEqual(replay(log));
  });

  test("a corrupt log names the first refused event", () => {
    const bad = [...log.slice(0, 4), ev("hint-revealed", 2.6, "interviewer", { stageId: "one", index: 2 })];
    const r = replay(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.index, r.refusal.reason]).toEqual([4, "HINT_OUT_OF_ORDER"]);
  });

  test("replay steps show the answers as they were at each moment", () => {
    const steps = replaySteps([...live, ev("answers-saved", 2, "candidate", { stageId: "one", answers: { "f/a": "first" } }), ev("answers-saved", 3, "candidate", { stageId: "one", answers: { "f/a": "second", "f/b": "b" } })]);
    expect(steps.map((s) => s.state.stages[0]!.answers)).toEqual([{}, {}, {}, { "f/a": "first" }, { "f/a": "second", "f/b": "b" }]);
    const all = replaySteps(log);
    expect(all).toHaveLength(log.length);
    expect(all.at(-1)!.state).toEqual((replay(log) as { state: unknown }).state);
  });
});
