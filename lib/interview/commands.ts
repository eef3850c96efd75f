/**
 * What a browser may ask of a session, validated at the boundary (zod, strict): a command carries
 * no time and no actor. The server stamps both (the time from its clock, the actor from the
 * signed-in user's role in the session), turns the command into an event with `toEvent` and runs
 * it through `transition`; `created`, `stage-timed-out` and `stage-graded` are the server's own.
 */
import { z } from "zod";
import type { Actor, PlanStage, SessionEvent } from "./types";

const Id = z.string().min(1).max(200);
const Text = z.string().max(300);
const AnswerValueSchema = z.union([Text, z.array(Text).max(50), z.object({ inside: Text, translated: Text, outside: Text }).strict()]);

export const CommandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("candidate-joined") }).strict(),
  z.object({ type: z.literal("stage-started"), stageId: Id }).strict(),
  z.object({ type: z.literal("answers-saved"), stageId: Id, answers: z.record(Id, AnswerValueSchema).refine((a) => Object.keys(a).length <= 200, "at most 200 answers at once") }).strict(),
  z.object({ type: z.literal("stage-submitted"), stageId: Id }).strict(),
  z.object({ type: z.literal("paused") }).strict(),
  z.object({ type: z.literal("resumed") }).strict(),
  z.object({ type: z.literal("extended"), stageId: Id, minutes: z.number().int().min(1).max(60) }).strict(),
  z.object({ type: z.literal("hint-revealed"), stageId: Id, index: z.number().int().min(0).max(50) }).strict(),
  z.object({ type: z.literal("follow-up-asked"), followUpId: Id }).strict(),
  z.object({ type: z.literal("note-added"), text: z.string().min(1).max(4_000) }).strict(),
  z.object({ type: z.literal("rubric-scored"), dimension: Id, level: z.number().int().min(1).max(4), evidence: z.array(z.union([z.number().int().min(1).max(1_000_000), Id])).max(20).default([]) }).strict(),
  z.object({ type: z.literal("scorecard-submitted") }).strict(),
  z.object({ type: z.literal("ended") }).strict(),
]);

export type Command = z.infer<typeof CommandSchema>;

/**
 * The event for a validated command. A follow-up needs the stage the server built from its diff
 * (see followUpStage); without one the result says so instead of guessing.
 */
export function toEvent(command: Command, actor: Actor, at: number, followUp?: PlanStage): { ok: true; event: SessionEvent } | { ok: false; message: string } {
  if (command.type === "follow-up-asked") {
    if (!followUp) return { ok: false, message: "a follow-up needs its stage (build it with followUpDiff and followUpStage)" };
    return { ok: true, event: { type: "follow-up-asked", followUpId: command.followUpId, stage: followUp, actor, at } };
  }
  return { ok: true, event: { ...command, actor, at } as SessionEvent };
}
