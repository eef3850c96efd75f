/**
 * Random sessions (fast-check): whatever order events arrive in, from whichever actor, the
 * accepted log replays to the same state, the invariants hold, and the candidate's view never
 * shows a rubric point, a model answer, a note or a hint before it is revealed.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { EMPTY_SESSION, replay, tick, transition } from "@/lib/interview/machine";
import type { Actor, SessionEvent, SessionState } from "@/lib/interview/types";
import { candidateView } from "@/lib/interview/views";
import { created, followUpStage, MIN, T0 } from "./fixture";

/** Mostly the actor the event belongs to (so sessions get somewhere), sometimes anyone (so refusals are exercised). */
const actor = fc.oneof({ arbitrary: fc.constant("right" as const), weight: 4 }, { arbitrary: fc.constantFrom<Actor>("interviewer", "candidate", "system"), weight: 1 });

function rightActor(type: string, mode: "live" | "solo"): Actor {
  if (["candidate-joined", "answers-saved", "stage-submitted"].includes(type)) return "candidate";
  if (["stage-timed-out", "stage-graded"].includes(type)) return "system";
  return mode === "live" ? "interviewer" : "candidate";
}
const stageId = fc.constantFrom("one", "one", "one", "one", "two", "two", "follow-up-what-if", "nope");
const payload = fc.oneof(
  fc.constant({ type: "candidate-joined" }),
  stageId.map((s) => ({ type: "stage-started", stageId: s })),
  fc.tuple(stageId, fc.constantFrom("f/a", "f/b", "f/c", "f/x"), fc.string({ maxLength: 8 })).map(([s, k, v]) => ({ type: "answers-saved", stageId: s, answers: { [k]: v } })),
  stageId.map((s) => ({ type: "stage-submitted", stageId: s })),
  fc.constant({ type: "paused" }), fc.constant({ type: "resumed" }), fc.constant({ type: "ended" }), fc.constant({ type: "scorecard-submitted" }),
  fc.tuple(stageId, fc.integer({ min: -1, max: 5 })).map(([s, m]) => ({ type: "extended", stageId: s, minutes: m })),
  fc.tuple(stageId, fc.constantFrom(0, 0, 0, 1, 1, 2, 3)).map(([s, i]) => ({ type: "hint-revealed", stageId: s, index: i })),
  fc.constantFrom("what-if", "verbal").map((f) => ({ type: "follow-up-asked", followUpId: f, stage: f === "what-if" ? followUpStage(["f/x"]) : { ...followUpStage([], "follow-up-verbal"), followUpId: "verbal", whatIf: null } })),
  fc.constant({ type: "note-added", text: "PRIVATE-NOTE" }),
  fc.tuple(fc.constantFrom("reasoning", "troubleshooting", "communication", "trace-accuracy"), fc.integer({ min: 0, max: 5 }), fc.constantFrom([], ["n1"])).map(([d, l, e]) => ({ type: "rubric-scored", dimension: d, level: l, evidence: e })),
  fc.constant({ type: "tick" }),
);
const script = fc.tuple(fc.constantFrom("live", "solo") as fc.Arbitrary<"live" | "solo">, fc.array(fc.tuple(payload, actor, fc.oneof({ arbitrary: fc.integer({ min: 0, max: MIN / 2 }), weight: 4 }, { arbitrary: fc.integer({ min: 0, max: 6 * MIN }), weight: 1 })), { minLength: 10, maxLength: 60 }));

const PRIVATE = ["SECRET-POINT", "SECRET-MODEL", "PRIVATE-NOTE"];

function leaks(state: SessionState, now: number): string[] {
  const json = JSON.stringify(candidateView(state, now));
  const found = PRIVATE.filter((p) => json.includes(p));
  for (const s of state.stages) s.def.hints.forEach((h, i) => { if (i >= s.hintsRevealed && json.includes(h.text)) found.push(h.text); });
  return found;
}

describe("random sessions", () => {
  test("replay of the accepted log equals the fold; invariants hold; the candidate view never leaks", () => {
    const accepted = new Set<string>();
    fc.assert(fc.property(script, ([mode, steps]) => {
      let state = transition(EMPTY_SESSION, created(mode)).state;
      const log: SessionEvent[] = [created(mode)];
      let now = T0;
      for (const [p, who, delta] of steps) {
        now += delta;
        const events: SessionEvent[] = p.type === "tick" ? tick(state, now) : [{ ...p, actor: who === "right" ? rightActor(p.type, mode) : who, at: now } as SessionEvent];
        for (const e of events) {
          const lockedRubric = state.scorecardAt !== null ? state.rubric : null;
          const r = transition(state, e);
          if (!r.ok) { expect(r.state).toBe(state); continue; }
          state = r.state;
          log.push(e);
          accepted.add(e.type);
          expect(state.stages.filter((s) => s.status === "running").length).toBeLessThanOrEqual(1);
          for (const s of state.stages) expect(s.hintsRevealed).toBeLessThanOrEqual(s.def.hints.length);
          if (lockedRubric) expect(state.rubric).toEqual(lockedRubric);
          expect(leaks(state, now)).toEqual([]);
        }
      }
      const replayed = replay(log);
      expect(replayed.ok && replayed.state).toEqual(state);
    }), { numRuns: 300, seed: 11 });
    // The random scripts reach every part of the machine, not just its refusals.
    expect([...accepted].sort()).toEqual(expect.arrayContaining(["answers-saved", "ended", "extended", "follow-up-asked", "hint-revealed", "note-added", "paused", "resumed",
      "rubric-scored", "stage-started", "stage-submitted", "stage-timed-out"]));
  });
});
