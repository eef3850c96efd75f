import { describe, expect, test } from "vitest";
import { buildAnswerKey } from "@/lib/grader";
import type { AnswerKey, KeyBlank } from "@/lib/grader/types";
import { followUpDiff, followUpStage } from "@/lib/interview/follow-up";
import { gradeStage, type GradingSource } from "@/lib/interview/grading";
import { tick, transition } from "@/lib/interview/machine";
import { planOf } from "@/lib/interview/plan";
import { DIMENSIONS } from "@/lib/interview/rubric";
import type { SessionEvent, SessionState } from "@/lib/interview/types";
import { candidateView, interviewerView } from "@/lib/interview/views";
import { EMPTY_SESSION } from "@/lib/interview/machine";
import { containsToken, distinctiveValues, strings } from "../helpers/leaks";
import { scenario } from "../helpers/scenarios";
import { MIN, T0 } from "./fixture";

/** A wrong answer of the right shape for a blank (never an expected value). */
function wrong(b: KeyBlank): unknown {
  switch (b.kind) {
    case "ipv4": return "192.0.2.254";
    case "socket": return "192.0.2.254:1";
    case "nat-entry": return { inside: "192.0.2.1:1", translated: "192.0.2.2:2", outside: "192.0.2.3:3" };
    case "order": return b.options!.map((o) => o.id).reverse();
    case "choice": return b.options!.find((o) => o.id !== b.expected)?.id ?? "x";
    default: return "7";
  }
}

interface Run {
  readonly states: { state: SessionState; now: number; label: string }[];
  readonly typed: Set<string>;
  readonly source: GradingSource;
  readonly keys: AnswerKey[];
}

/** A live interview on browser-to-google, scripted end to end, keeping every state on the way. */
function scriptedSession(): Run {
  const s = scenario("browser-to-google");
  const key = buildAnswerKey(s, 4, "intermediate");
  const plan = planOf(s, key);
  const diff = followUpDiff(s, 4, "intermediate", { kind: "warm-dns-cache" }, key);
  if (!diff.ok) throw new Error(diff.message);
  const fu = plan.followUps.find((f) => f.id === "warm-dns-cache")!;
  const source: GradingSource = { key, context: { scenario: s, contentHash: "t" }, followUps: { [fu.id]: { key: diff.key, context: { scenario: diff.scenario, contentHash: "t" } } } };
  const typed = new Set<string>();
  const blank = (id: string) => [...key.blanks, ...diff.key.blanks].find((b) => b.id === id)!;
  const answersFor = (ids: readonly string[]) => {
    const out: Record<string, unknown> = {};
    for (const id of ids) out[id] = wrong(blank(id));
    // One answer that matches a misconception: the private source still there after the home router.
    if (ids.includes("first-visit/tcp.syn@home-router/src")) out["first-visit/tcp.syn@home-router/src"] = key.blanks.find((b) => b.id === "first-visit/tcp.syn@laptop/src")!.expected;
    for (const v of strings(out)) typed.add(v);
    return out as never;
  };
  const states: Run["states"] = [];
  let state = EMPTY_SESSION;
  const at = (m: number) => T0 + m * MIN;
  const push = (e: SessionEvent) => {
    const r = transition(state, e);
    if (!r.ok) throw new Error(`${e.type}: ${r.refusal.reason} ${r.refusal.message}`);
    state = r.state;
    states.push({ state, now: e.at + 1000, label: e.type });
    if (r.ok) for (const eff of r.effects) if (eff.type === "grade") {
      const g = gradeStage(source, state.stages.find((x) => x.def.id === eff.stageId)!)!;
      push({ type: "stage-graded", at: e.at, actor: "system", stageId: eff.stageId, score: g.score, maxScore: g.maxScore, fields: g.fields.map((f) => ({ id: f.id, status: f.status })) });
    }
  };
  const [dns, firstHop, handshakes] = plan.stages;
  push({ type: "created", at: at(0), actor: "interviewer", mode: "live", grading: "as-you-go", plan });
  push({ type: "candidate-joined", at: at(1), actor: "candidate" });
  push({ type: "stage-started", at: at(2), actor: "interviewer", stageId: dns!.id });
  push({ type: "answers-saved", at: at(3), actor: "candidate", stageId: dns!.id, answers: answersFor(dns!.blanks) });
  push({ type: "hint-revealed", at: at(3.5), actor: "interviewer", stageId: dns!.id, index: 0 });
  push({ type: "note-added", at: at(4), actor: "interviewer", text: "PRIVATE: guessed the resolver order" });
  push({ type: "stage-submitted", at: at(5), actor: "candidate", stageId: dns!.id });
  push({ type: "follow-up-asked", at: at(5.5), actor: "interviewer", followUpId: fu.id, stage: followUpStage(fu, diff, key) });
  push({ type: "stage-started", at: at(6), actor: "interviewer", stageId: `follow-up-${fu.id}` });
  push({ type: "answers-saved", at: at(7), actor: "candidate", stageId: `follow-up-${fu.id}`, answers: answersFor(diff.askable) });
  for (const e of tick(state, at(30))) push(e);
  push({ type: "stage-started", at: at(31), actor: "interviewer", stageId: firstHop!.id });
  push({ type: "answers-saved", at: at(32), actor: "candidate", stageId: firstHop!.id, answers: answersFor(firstHop!.blanks) });
  push({ type: "paused", at: at(33), actor: "interviewer" });
  push({ type: "extended", at: at(34), actor: "interviewer", stageId: firstHop!.id, minutes: 2 });
  push({ type: "resumed", at: at(35), actor: "interviewer" });
  push({ type: "stage-submitted", at: at(36), actor: "candidate", stageId: firstHop!.id });
  push({ type: "stage-started", at: at(37), actor: "interviewer", stageId: handshakes!.id });
  push({ type: "note-added", at: at(38), actor: "interviewer", text: "PRIVATE: clear explanation of the SYN" });
  for (const d of ["reasoning", "troubleshooting", "communication"]) push({ type: "rubric-scored", at: at(39), actor: "interviewer", dimension: d, level: 2, evidence: ["n1", "n2"] });
  push({ type: "ended", at: at(40), actor: "interviewer" });
  push({ type: "scorecard-submitted", at: at(41), actor: "interviewer" });
  return { states, typed, source, keys: [key, diff.key] };
}

const run = scriptedSession();

describe("the candidate view leaks nothing, at any step of a scripted interview", () => {
  const plan = run.states[0]!.state.plan!;
  const allStages = run.states.at(-1)!.state.stages.map((s) => s.def);
  const shownAnyway = new Set([...strings(run.keys.map((k) => k.sheet)), ...strings(allStages.map((s) => s.sheet)), ...run.typed]);
  const secretValues = [...new Set(run.keys.flatMap((k) => k.blanks.flatMap((b) => distinctiveValues(b))))].filter((v) => ![...shownAnyway].some((s) => containsToken([s], v)));
  const privateTexts = [
    ...allStages.flatMap((s) => s.points.map((p) => p.point)), ...DIMENSIONS.flatMap((d) => d.anchors), ...plan.followUps.flatMap((f) => (f.modelAnswer ? [f.modelAnswer] : [])),
    "PRIVATE: guessed the resolver order", "PRIVATE: clear explanation of the SYN",
  ];

  test("the script exercises hints, a follow-up, a timeout, pause, extend and a scorecard", () => {
    expect(run.states.map((s) => s.label)).toEqual(expect.arrayContaining(["hint-revealed", "follow-up-asked", "stage-timed-out", "paused", "extended", "scorecard-submitted", "stage-graded"]));
    expect(secretValues.length).toBeGreaterThan(10);
  });

  test.each(run.states.map((s, i) => [`${i + 1}. after ${s.label}`, s] as const))("%s", (_l, { state, now }) => {
    const view = candidateView(state, now);
    const json = JSON.stringify(view);
    const texts = strings(view);
    for (const v of secretValues) expect(containsToken(texts, v), `expected value ${v} leaked`).toBe(false);
    for (const t of privateTexts) expect(json, `private text leaked: ${t}`).not.toContain(JSON.stringify(t).slice(1, -1));
    for (const st of state.stages) st.def.hints.forEach((h, i) => {
      expect(json.includes(JSON.stringify(h.text).slice(1, -1))).toBe(i < st.hintsRevealed);
    });
    expect(json).not.toMatch(/"(expected|reason|provenance|misconception|points|anchors|notes|modelAnswer|trace)"/);
    if (view.current) expect(json).toContain(JSON.stringify(view.current.prompt).slice(1, -1));
  });
});

describe("the interviewer's console", () => {
  const last = run.states.at(-1)!;
  const view = interviewerView(last.state, run.source, last.now);

  test("shows every answered field with its verdict and the true value, and probes a misconception", () => {
    const f = view.stages.find((s) => s.id === "first-hop")!.fields.find((x) => x.id === "first-visit/tcp.syn@home-router/src")!;
    expect(f.status).toBe("wrong");
    expect(f.expected).toBe(run.keys[0]!.blanks.find((b) => b.id === f.id)!.expected);
    expect(f.misconception?.rule).toBe("snat");
    expect(f.probe).toContain(f.given!);
  });

  test("has the true trace, the hint ladder with costs, the notes and the locked rubric", () => {
    expect(view.trace).toBe(run.keys[0]!.trace);
    expect(view.stages[0]!.hints[0]).toMatchObject({ revealed: true, cost: 5 });
    expect(view.notes.map((n) => n.id)).toEqual(["n1", "n2"]);
    expect(view.rubric.locked).toBe(true);
    expect(view.rubric.hintCost).toBe(5);
    expect(view.followUps.find((f) => f.id === "warm-dns-cache")?.asked).toBe(true);
  });

  test("the follow-up stage is graded against the changed trace", () => {
    const fu = view.stages.find((s) => s.origin === "follow-up")!;
    expect(fu.status).toBe("timed-out");
    const changedKey = run.keys[1]!;
    for (const f of fu.fields) expect(f.expected).toBe(changedKey.blanks.find((b) => b.id === f.id)!.expected);
  });
});
