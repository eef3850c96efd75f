import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { buildAnswerKey } from "@/lib/grader";
import { modelAnswers } from "@/lib/grader/model-answers";
import { planOf } from "@/lib/interview/plan";
import { reportOf, type CatalogueEntry } from "@/lib/interview/report";
import { scoreRubric, traceLevel } from "@/lib/interview/rubric";
import type { SessionEvent } from "@/lib/interview/types";
import { scenario, scenarioIds } from "../helpers/scenarios";
import { created, ev, liveStarted, MIN, stateOf, T0 } from "./fixture";

describe("rubric", () => {
  test.each([[0, 1], [39.9, 1], [40, 2], [69.9, 2], [70, 3], [89.9, 3], [90, 4], [100, 4]])("trace accuracy %d%% is level %i", (percent, level) => {
    expect(traceLevel(percent)).toBe(level);
  });

  const scored: SessionEvent[] = [
    ...liveStarted(), ev("hint-revealed", 2, "interviewer", { stageId: "one", index: 0 }), ev("hint-revealed", 3, "interviewer", { stageId: "one", index: 1 }),
    ev("note-added", 3, "interviewer", { text: "derived the NAT entry from the table" }),
    ev("rubric-scored", 4, "interviewer", { dimension: "reasoning", level: 4, evidence: ["n1"] }),
    ev("rubric-scored", 4, "interviewer", { dimension: "troubleshooting", level: 2, evidence: [] }),
    ev("rubric-scored", 4, "interviewer", { dimension: "communication", level: 3, evidence: [] }),
  ];

  test.each([
    // label, events, grader %, trace after hints, weighted total
    ["hints cost 5 + 10 points of trace accuracy; weights 40/25/20/15", scored, 80, 65, 72.3],
    ["hint costs never take trace accuracy below zero", scored, 10, 0, 46.3],
    ["solo: only the grader's dimension counts", [created("solo"), ev("stage-started", 1, "candidate", { stageId: "one" })], 80, 80, 80],
    ["nothing graded yet: trace accuracy is not scored", [created("solo")], null, 0, 0],
  ] as const)("%s", (_l, events, percent, after, total) => {
    const r = scoreRubric(stateOf(events), percent);
    expect(r.traceAfterHints).toBe(after);
    expect(r.total).toBe(total);
  });

  test("an interviewer dimension carries its anchor and the notes quoted as evidence", () => {
    const r = scoreRubric(stateOf(scored), 80);
    const reasoning = r.dimensions.find((d) => d.id === "reasoning")!;
    expect(reasoning.anchor).toMatch(/Derives every change/);
    expect(reasoning.evidence.map((n) => n.text)).toEqual(["derived the NAT entry from the table"]);
    expect(r.locked).toBe(false);
    expect(scoreRubric(stateOf([...scored, ev("scorecard-submitted", 5, "interviewer")]), 80).locked).toBe(true);
  });
});

describe("report", () => {
  const catalogue: CatalogueEntry[] = scenarioIds().map((id) => ({ id, title: scenario(id).title, concepts: scenario(id).concepts }));
  const s = scenario("two-offices-same-subnet");
  const key = buildAnswerKey(s, 2, "beginner");
  const plan = planOf(s, key);
  const model = modelAnswers(key);
  const officeA = plan.stages.find((st) => st.id === "predict-office-a")!;
  const officeB = plan.stages.find((st) => st.id === "predict-office-b")!;
  const pcSource = key.blanks.find((b) => b.id === "office-a/tcp.syn@pc-a/src")!.expected;
  // Office A: the private source crosses the NAT unchanged (the "no SNAT" picture); office B: all right.
  // (The NAT entry is left blank: the grader then counts the picture where the source is first stated.)
  const noSnat = (id: string) => (id.endsWith("tcp.syn@nat-a/src") || id.endsWith("tcp.syn@server/src") ? pcSource : model[id]);
  const answersA = Object.fromEntries(officeA.blanks.filter((id) => !id.endsWith("nat@nat-a/nat")).map((id) => [id, noSnat(id)]));
  const answersB = Object.fromEntries(officeB.blanks.map((id) => [id, model[id]]));
  const ids = plan.stages.map((st) => st.id);
  const events: SessionEvent[] = [
    created("solo", "at-end", plan),
    ...ids.slice(0, ids.indexOf("predict-office-a")).flatMap((id, i) => [ev("stage-started", i, "candidate", { stageId: id }), ev("stage-submitted", i + 0.5, "candidate", { stageId: id })]),
    ev("stage-started", 10, "candidate", { stageId: "predict-office-a" }),
    ev("hint-revealed", 11, "candidate", { stageId: "predict-office-a", index: 0 }),
    ev("answers-saved", 12, "candidate", { stageId: "predict-office-a", answers: answersA as never }),
    ev("stage-submitted", 12.5, "candidate", { stageId: "predict-office-a" }),
    ev("stage-started", 21, "candidate", { stageId: "predict-office-b" }),
    ev("answers-saved", 22, "candidate", { stageId: "predict-office-b", answers: answersB as never }),
    ev("stage-submitted", 23, "candidate", { stageId: "predict-office-b" }),
    ev("ended", 24, "candidate"),
  ];
  const state = stateOf(events);
  const report = reportOf(state, { key, context: { scenario: s, contentHash: "t" } }, catalogue, T0 + 99 * MIN);

  test("time per stage against its budget, and hints with their cost", () => {
    const a = report.stages.find((st) => st.id === "predict-office-a")!;
    expect(a.usedMs).toBe(2.5 * MIN);
    expect(a.budgetMs).toBe(officeA.minutes * MIN);
    expect(a.overMs).toBe(0);
    expect(a.hints).toEqual([{ text: officeA.hints[0]!.text, cost: 5 }]);
    expect(report.rubric.hintCost).toBe(5);
  });

  test("answers next to the true trace, and scores per stage", () => {
    const a = report.stages.find((st) => st.id === "predict-office-a")!;
    const nat = a.answers.find((x) => x.id === "office-a/tcp.syn@nat-a/src")!;
    expect([nat.given, nat.expected, nat.status]).toEqual([pcSource, key.blanks.find((b) => b.id === nat.id)!.expected, "wrong"]);
    expect(report.stages.find((st) => st.id === "predict-office-b")!.score).toBe(report.stages.find((st) => st.id === "predict-office-b")!.maxScore);
    expect(a.score!).toBeLessThan(a.maxScore!);
  });

  test("the misconception is named once, with every field that showed it", () => {
    const snat = report.misconceptions.find((m) => m.rule === "snat")!;
    expect(snat.truth).toMatch(/rewrites a private source/);
    expect(snat.fields.length).toBeGreaterThanOrEqual(1);
    expect(new Set(report.misconceptions.map((m) => m.rule)).size).toBe(report.misconceptions.length);
  });

  test("weak concepts get practice scenarios that teach them (never this one)", () => {
    const weak = report.concepts.filter((c) => c.weak).map((c) => c.concept);
    expect(weak.length).toBeGreaterThan(0);
    for (const p of report.practice) {
      expect(weak).toContain(p.concept);
      for (const sc of p.scenarios) {
        expect(sc.id).not.toBe("two-offices-same-subnet");
        expect(catalogue.find((c) => c.id === sc.id)!.concepts).toContain(p.concept);
      }
    }
    expect(report.practice.some((p) => p.scenarios.length > 0)).toBe(true);
  });

  test("trace accuracy is the grader's percentage minus the hints; a solo report is final once ended", () => {
    const graded = report.stages.filter((st) => st.maxScore !== null);
    const percent = Math.round((graded.reduce((a, st) => a + st.score!, 0) / graded.reduce((a, st) => a + st.maxScore!, 0)) * 1000) / 10;
    expect(report.rubric.tracePercent).toBe(percent);
    expect(report.rubric.traceAfterHints).toBe(Math.max(0, Math.round((percent - 5) * 10) / 10));
    expect(report.final).toBe(true);
    expect(report.hintsUsed).toBe(1);
  });
});

describe("purity", () => {
  const dir = path.resolve(__dirname, "../../lib/interview");
  test.each(fs.readdirSync(dir))("lib/interview/%s reads no clock, randomness, file or environment", (file) => {
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    expect(text).not.toMatch(/Date\.now|new Date\(\)|Math\.random|performance\.now|from "node:|process\.|require\(/);
  });
});
