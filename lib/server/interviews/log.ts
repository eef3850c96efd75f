/**
 * Appending to a session's log: read the log, replay it, add what the clock made due (timeouts),
 * run the new event through the pure `transition`, and insert it with the next sequence number.
 * When another instance appended first, the insert conflicts and the whole step is redone on the
 * longer log. After the commit: tell the live bus, then run the effects (grading, timers).
 */
import "server-only";
import { gradeStage } from "@/lib/interview/grading";
import { replay, tick, transition } from "@/lib/interview/machine";
import type { Effect, Refusal, SessionEvent, SessionState } from "@/lib/interview/types";
import { getLiveBus } from "../live";
import { gradingSourceOf, keysOf } from "./keys";
import { insertEvents, readLog, type SessionRow } from "./store";

const MAX_TRIES = 10;

let clock = () => Date.now();
/** Pin the server's clock (tests). */
export function setInterviewClockForTests(next: (() => number) | undefined): void {
  clock = next ?? (() => Date.now());
}
export const now = () => clock();

/** The live channel of a session. */
export const channelOf = (sessionId: string) => `interview:${sessionId}`;

export class CorruptLogError extends Error {}

export interface Loaded {
  readonly state: SessionState;
  readonly lastSeq: number;
}

/** The session's state from its stored log. */
export async function loadState(sessionId: string): Promise<Loaded> {
  const log = await readLog(sessionId);
  const r = replay(log.map((l) => l.event));
  if (!r.ok) throw new CorruptLogError(`session ${sessionId}: stored event ${r.index + 1} is refused (${r.refusal.reason})`);
  return { state: r.state, lastSeq: log.at(-1)?.seq ?? 0 };
}

/** What a command turns into, given the state it will apply to: events, or a refusal to report. */
export type Build = (state: SessionState, at: number) => { ok: true; events: SessionEvent[] } | { ok: false; refusal: Refusal };

export type AppendResult =
  | { ok: true; state: SessionState; lastSeq: number }
  | { ok: false; state: SessionState; lastSeq: number; refusal: Refusal };

/** Appends what `build` asks (after any due timeouts); timeouts are stored even when `build` is refused. */
export async function appendToSession(row: SessionRow, build: Build): Promise<AppendResult> {
  for (let tries = 0; tries < MAX_TRIES; tries += 1) {
    const loaded = await loadState(row.id);
    let state = loaded.state;
    const at = Math.max(clock(), state.lastAt);
    const events: SessionEvent[] = [];
    const effects: Effect[] = [];
    const take = (e: SessionEvent): Refusal | null => {
      const r = transition(state, e);
      if (!r.ok) return r.refusal;
      state = r.state;
      events.push(e);
      effects.push(...r.effects);
      return null;
    };
    for (const e of tick(state, at)) take(e);
    let refusal: Refusal | null = null;
    const built = build(state, at);
    if (!built.ok) refusal = built.refusal;
    else {
      const before = { state, events: events.length, effects: effects.length };
      for (const e of built.events) {
        refusal = take(e);
        if (refusal) break;
      }
      if (refusal) {
        state = before.state;
        events.length = before.events;
        effects.length = before.effects;
      }
    }
    if (events.length === 0) return refusal ? { ok: false, state, lastSeq: loaded.lastSeq, refusal } : { ok: true, state, lastSeq: loaded.lastSeq };
    const inserted = await insertEvents(row.id, loaded.lastSeq, events, state.status === "ended" && loaded.state.status !== "ended");
    if (!inserted.ok) continue;
    await afterCommit(row, state, inserted.lastSeq, effects);
    return refusal ? { ok: false, state, lastSeq: inserted.lastSeq, refusal } : { ok: true, state, lastSeq: inserted.lastSeq };
  }
  throw new Error(`session ${row.id}: gave up appending after ${MAX_TRIES} conflicts`);
}

/** Appends what is due by the clock (stage timeouts); a no-op when nothing is. */
export function tickSession(row: SessionRow): Promise<AppendResult> {
  return appendToSession(row, () => ({ ok: true, events: [] }));
}

const timers = new Map<string, NodeJS.Timeout>();

async function afterCommit(row: SessionRow, state: SessionState, lastSeq: number, effects: readonly Effect[]): Promise<void> {
  await getLiveBus().publish(channelOf(row.id), lastSeq).catch((e: Error) => console.warn(`[interviews] publish failed: ${e.message}`));
  for (const effect of effects) {
    if (effect.type === "schedule-timeout") schedule(row, effect.at);
    else if (effect.type === "cancel-timeout") clearTimer(row.id);
    else if (effect.type === "grade") await grade(row, state, effect.stageId);
  }
}

function clearTimer(sessionId: string): void {
  const t = timers.get(sessionId);
  if (t) clearTimeout(t);
  timers.delete(sessionId);
}

/**
 * One timer per session per instance. A timer lost to a restart loses nothing: every request and
 * every stream heartbeat ticks the session too, and the timeout is dated at the deadline.
 */
function schedule(row: SessionRow, at: number): void {
  clearTimer(row.id);
  const t = setTimeout(() => {
    timers.delete(row.id);
    tickSession(row).catch((e: Error) => console.warn(`[interviews] timeout of ${row.id} failed: ${e.message}`));
  }, Math.max(0, at - clock()) + 50);
  t.unref();
  timers.set(row.id, t);
}

/** Grades a stage now (the grader is fast on one stage's blanks) and appends the verdicts. */
async function grade(row: SessionRow, state: SessionState, stageId: string): Promise<void> {
  const keys = keysOf(row);
  const stage = state.stages.find((s) => s.def.id === stageId);
  if (!keys || !stage) return;
  const result = gradeStage(gradingSourceOf(keys, row, state), stage);
  if (!result) return;
  await appendToSession(row, (current, at) => {
    const s = current.stages.find((x) => x.def.id === stageId);
    if (s?.verdicts) return { ok: true, events: [] };
    return { ok: true, events: [{ type: "stage-graded", at, actor: "system", stageId, score: result.score, maxScore: result.maxScore, fields: result.fields.map((f) => ({ id: f.id, status: f.status })) }] };
  });
}
