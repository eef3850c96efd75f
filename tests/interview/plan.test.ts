import { describe, expect, test } from "vitest";
import { buildAnswerKey } from "@/lib/grader";
import { followUpDiff } from "@/lib/interview/follow-up";
import { planOf } from "@/lib/interview/plan";
import { DIFFICULTIES } from "@/lib/scenario/schema";
import { scenario, scenarioIds } from "../helpers/scenarios";

const cases = scenarioIds().flatMap((id) => DIFFICULTIES.flatMap((d) => [0, 7].map((seed) => [id, d, seed] as const)));

describe("the stage plan", () => {
  test.each(cases)("%s %s seed %i: every blank is asked by exactly one stage, and sheets give nothing away", (id, difficulty, seed) => {
    const s = scenario(id);
    const key = buildAnswerKey(s, seed, difficulty);
    const plan = planOf(s, key);
    const asked = plan.stages.flatMap((st) => st.blanks);
    expect(new Set(asked).size).toBe(asked.length);
    expect([...asked].sort()).toEqual(key.blanks.map((b) => b.id).sort());
    for (const st of plan.stages) {
      const inSheet = st.sheet.flatMap((f) => [...f.rows.flatMap((r) => r.blanks), ...f.questions.flatMap((q) => q.blanks)]).map((b) => b.id);
      expect(new Set(inSheet)).toEqual(new Set(st.blanks));
      expect(JSON.stringify(st.sheet)).not.toContain('"expected"');
      expect(`${st.title} ${st.prompt} ${st.hints.map((h) => h.text).join(" ")}`).not.toContain("${");
      expect(plan.followUps.map((f) => f.question).join(" ")).not.toContain("${");
      expect(st.hints.map((h) => h.cost)).toEqual([5, 10, 15].slice(0, st.hints.length).concat(Array(Math.max(0, st.hints.length - 3)).fill(15)));
    }
    const scripted = s.interview?.stages ?? [];
    expect(plan.stages.slice(0, scripted.length).map((st) => [st.id, st.minutes, st.origin])).toEqual(scripted.map((st) => [st.id, st.minutes, "scripted"]));
    expect(plan.stages.slice(scripted.length).every((st) => st.origin === "default" && st.blanks.length > 0 && st.hints.length === 1)).toBe(true);
  });

  test("stages that share a flow split it by topic: lookup, first hop, handshakes", () => {
    const s = scenario("browser-to-google");
    const key = buildAnswerKey(s, 0, "advanced");
    const plan = planOf(s, key);
    const stageOf = (id: string) => plan.stages.find((st) => st.blanks.includes(id))?.id;
    expect(stageOf("first-visit/order/dns-steps")).toBe("dns");
    expect(stageOf("first-visit/dns.query@laptop/dst")).toBe("dns");
    expect(stageOf("first-visit/nat@home-router~2/nat")).toBe("first-hop");
    expect(stageOf("first-visit/tcp.syn@laptop/eth.dst")).toBe("first-hop");
    expect(stageOf("first-visit/tcp.syn-ack@google-lb/tcp.ack")).toBe("handshakes");
    expect(stageOf("first-visit/tls.client-hello@laptop/tls.sni")).toBe("handshakes");
  });

  test("a scenario without an interview part gets one default stage per flow it asks about", () => {
    const { interview: _dropped, ...rest } = scenario("two-offices-same-subnet");
    const s = { ...rest };
    const key = buildAnswerKey(s, 0, "beginner");
    const plan = planOf(s, key);
    expect(plan.stages.map((st) => st.id)).toEqual(key.sheet.flows.map((f) => `predict-${f.id}`));
    expect(plan.stages.every((st) => st.minutes >= 3 && st.minutes <= 15 && st.points.length === 1)).toBe(true);
    expect(plan.followUps.every((f) => f.modelAnswer === null && f.whatIf !== null)).toBe(true);
  });

  test("follow-ups: the scenario's own first, with model answers, then the generic what-ifs that apply", () => {
    const s = scenario("kubernetes-service-call");
    const plan = planOf(s, buildAnswerKey(s, 0, "beginner"));
    expect(plan.followUps.map((f) => f.id)).toEqual(["declared-1", "declared-2", "same-node-endpoint"]);
    expect(plan.followUps[0]!.modelAnswer).toContain("reset");
  });

  test("variables in prompts are the variant's values", () => {
    const s = scenario("two-offices-same-subnet");
    const plan = planOf(s, buildAnswerKey(s, 7, "beginner"));
    expect(plan.stages[0]!.prompt).toMatch(/both use \d+\.\d+\.\d+\.\d+\/24/);
  });
});

describe("follow-ups a scenario declares with a what-if", () => {
  test.each([
    ["two-offices-same-subnet", "add-cgnat", "office-a/tcp.syn@nat-a/src"],
    ["browser-to-google", "ttl", "ttl-one/outcome/component"],
  ] as const)("%s declares a %s follow-up that changes %s and replaces the generic one", (id, kind, field) => {
    const s = scenario(id);
    const key = buildAnswerKey(s, 0, "intermediate");
    const plan = planOf(s, key);
    const declared = plan.followUps.filter((f) => f.id.startsWith("declared-") && f.whatIf?.kind === kind);
    expect(declared).toHaveLength(1);
    expect(declared[0]!.modelAnswer).toBeTruthy();
    expect(plan.followUps.filter((f) => f.whatIf?.kind === kind)).toHaveLength(1);
    const d = followUpDiff(s, 0, "intermediate", declared[0]!.whatIf!, key);
    expect(d.ok && d.askable).toContain(field);
  });
});
