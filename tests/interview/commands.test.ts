import { describe, expect, test } from "vitest";
import { CommandSchema, toEvent } from "@/lib/interview/commands";
import { transition } from "@/lib/interview/machine";
import { followUpStage, liveStarted, stateOf, T0 } from "./fixture";

describe("commands from a browser", () => {
  test.each([
    ["an answer", { type: "answers-saved", stageId: "one", answers: { "f/a": "10.0.0.1:5" } }, true],
    ["a NAT entry answer", { type: "answers-saved", stageId: "one", answers: { "f/a": { inside: "a", translated: "b", outside: "c" } } }, true],
    ["a hint request", { type: "hint-revealed", stageId: "one", index: 0 }, true],
    ["a follow-up by id", { type: "follow-up-asked", followUpId: "what-if" }, true],
    ["a command that smuggles a time", { type: "ended", at: 5 }, false],
    ["a command that picks its actor", { type: "paused", actor: "system" }, false],
    ["the server's own timeout", { type: "stage-timed-out", stageId: "one" }, false],
    ["a session created from the browser", { type: "created", plan: {} }, false],
    ["a follow-up carrying its own stage", { type: "follow-up-asked", followUpId: "what-if", stage: {} }, false],
    ["an answer too long", { type: "answers-saved", stageId: "one", answers: { "f/a": "x".repeat(301) } }, false],
    ["level 5", { type: "rubric-scored", dimension: "reasoning", level: 5 }, false],
    ["garbage", "DROP TABLE", false],
  ] as const)("%s: accepted %s", (_l, input, ok) => {
    expect(CommandSchema.safeParse(input).success).toBe(ok);
  });

  test("the server stamps time and actor; a follow-up gets the stage the server built", () => {
    const state = stateOf(liveStarted());
    const answer = toEvent(CommandSchema.parse({ type: "answers-saved", stageId: "one", answers: { "f/a": "x" } }), "candidate", T0 + 120_000);
    expect(answer.ok && transition(state, answer.event).ok).toBe(true);
    expect(toEvent(CommandSchema.parse({ type: "follow-up-asked", followUpId: "what-if" }), "interviewer", T0 + 120_000).ok).toBe(false);
    const fu = toEvent(CommandSchema.parse({ type: "follow-up-asked", followUpId: "what-if" }), "interviewer", T0 + 120_000, followUpStage(["f/x"]));
    expect(fu.ok && transition(state, fu.event).ok).toBe(true);
  });

  test.each([
    ["an unknown type", { type: "exploded", at: T0, actor: "system" }],
    ["an unknown actor", { type: "paused", at: T0 + 120_000, actor: "admin" }],
    ["no time", { type: "paused", actor: "interviewer" }],
    ["null", null],
  ])("a stored event with %s is refused as UNKNOWN_EVENT, not crashed on", (_l, e) => {
    const r = transition(stateOf(liveStarted()), e as never);
    expect(!r.ok && r.refusal.reason).toBe("UNKNOWN_EVENT");
  });
});
