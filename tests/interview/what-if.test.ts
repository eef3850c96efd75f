import { describe, expect, test } from "vitest";
import { buildAnswerKey } from "@/lib/grader";
import { modelAnswers } from "@/lib/grader/model-answers";
import { followUpDiff, followUpStage } from "@/lib/interview/follow-up";
import { gradeStage } from "@/lib/interview/grading";
import { applyWhatIf, genericWhatIfs, whatIfId } from "@/lib/interview/what-if";
import type { WhatIf } from "@/lib/scenario/schema-what-if";
import { simulate } from "@/lib/simulate";
import { scenario, scenarioIds } from "../helpers/scenarios";

type Ok = Extract<ReturnType<typeof followUpDiff>, { ok: true }>;

function diff(id: string, whatIf: WhatIf, difficulty: "beginner" | "intermediate" | "advanced" = "intermediate", seed = 0): Ok {
  const d = followUpDiff(scenario(id), seed, difficulty, whatIf);
  if (!d.ok) throw new Error(`${d.reason}: ${d.message}`);
  return d;
}
const change = (d: Ok, id: string) => d.fields.find((f) => f.id === id);

describe("each what-if on a real scenario changes what the simulator says it should", () => {
  test("the NAT removed: the private source travels on and the server's view of it changes", () => {
    const d = diff("two-offices-same-subnet", { kind: "remove-nat" });
    const pcSource = buildAnswerKey(scenario("two-offices-same-subnet"), 0, "intermediate").blanks.find((b) => b.id === "office-a/tcp.syn@pc-a/src")!.expected;
    expect(change(d, "office-a/tcp.syn@nat-a/src")?.after).toBe(pcSource);
    expect(d.outcomes).toContainEqual({ flow: "office-a", before: "DELIVERED at server", after: "NOT_ROUTABLE_ON_INTERNET at internet" });
  });

  test("the NAT gateway removed in AWS: the private route table has no default route left", () => {
    const d = diff("aws-private-subnet-nat", { kind: "remove-nat" });
    expect(d.outcomes.find((o) => o.flow === "apt-update")?.after).toBe("NO_ROUTE at private-rt");
    expect(d.askable).toContain("apt-update/outcome/disposition");
  });

  test("a CGNAT added: the home router's translated source is in 100.64.0.0/10 and the server sees the CGNAT's port", () => {
    const d = diff("browser-to-google", { kind: "add-cgnat" });
    expect(change(d, "first-visit/tcp.syn@home-router/src")?.after).toMatch(/^100\.64\.0\.2:\d+$/);
    expect(d.hops.some((h) => h.change === "added" && h.node === "cgnat")).toBe(true);
  });

  test("a security-group rule deleted: the SSH jump now stops at the bastion's group", () => {
    const d = diff("ssh-via-bastion", { kind: "delete-sg-rule", group: "bastion-sg", rule: 0 });
    expect(d.outcomes).toContainEqual({ flow: "proxyjump", before: "DELIVERED at db-server", after: "DENIED_BY_SECURITY_GROUP at bastion-sg" });
    expect(change(d, "proxyjump/outcome/component")).toMatchObject({ before: "db-server", after: "bastion-sg" });
  });

  test("a warm DNS cache: no query leaves, so the web connection gets the NAT's first port", () => {
    const d = diff("browser-to-google", { kind: "warm-dns-cache" });
    expect(change(d, "first-visit/tcp.syn@home-router/src")?.after).toMatch(/:10001$/);
    expect(d.hops.some((h) => h.change === "removed" && h.key.startsWith("dns.query"))).toBe(true);
  });

  test("the endpoint picked on the same node: the DNAT target is on node-1 and the hops to node-2 vanish", () => {
    const d = diff("kubernetes-service-call", { kind: "same-node-endpoint" });
    expect(change(d, "call-order-service/tcp.syn@node-1/dst")?.after).toMatch(/^10\.244\.1\.\d+:8080$/);
    expect(d.hops.some((h) => h.change === "removed" && h.node === "node-2")).toBe(true);
  });

  test("a TTL of 2: the traceroute probe now dies one router further, inside the internet", () => {
    const d = diff("browser-to-google", { kind: "ttl", value: 2 });
    expect(change(d, "ttl-one/outcome/component")).toMatchObject({ before: "home-router", after: "internet" });
  });

  test.each(scenarioIds())("%s: a what-if keeps the original untouched and is deterministic", (id) => {
    const s = scenario(id);
    const before = JSON.stringify(s);
    for (const g of genericWhatIfs(s)) {
      const a = applyWhatIf(s, g.whatIf);
      const b = applyWhatIf(s, g.whatIf);
      expect(a).toEqual(b);
      if (a.ok) expect(simulate(a.scenario, { seed: 3 })).toEqual(simulate(a.scenario, { seed: 3 }));
    }
    expect(JSON.stringify(s)).toBe(before);
  });
});

describe("refusals", () => {
  test.each([
    ["a deleted rule no flow uses changes nothing graded", "aws-private-subnet-nat", { kind: "delete-sg-rule", group: "app-sg", rule: 0 }, "NO_GRADED_CHANGE"],
    ["removing NAT where there is none", "kubernetes-service-call", { kind: "remove-nat" }, "NOT_APPLICABLE"],
    ["a TTL where nothing is probed", "https-through-cdn", { kind: "ttl", value: 2 }, "NOT_APPLICABLE"],
    ["an unknown security group", "ssh-via-bastion", { kind: "delete-sg-rule", group: "nope", rule: 0 }, "NOT_APPLICABLE"],
    ["a rule index past the end", "ssh-via-bastion", { kind: "delete-sg-rule", group: "db-sg", rule: 3 }, "NOT_APPLICABLE"],
  ] as const)("%s", (_l, id, whatIf, reason) => {
    const d = followUpDiff(scenario(id), 0, "intermediate", whatIf as WhatIf);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reason).toBe(reason);
  });
});

describe("which generic what-ifs apply to each scenario (intermediate, seed 0)", () => {
  // ✓ asks changed fields; - does not apply; 0 applies but changes no graded field (refused).
  const expected: Record<string, Record<string, string>> = {
    "aws-private-subnet-nat": { "remove-nat": "✓", "add-cgnat": "-", "warm-dns-cache": "-", "same-node-endpoint": "-", "ttl-2": "✓", "delete-sg-rule:app-sg:0": "0", "delete-sg-rule:web-sg:0": "0" },
    "browser-to-google": { "remove-nat": "✓", "add-cgnat": "✓", "warm-dns-cache": "✓", "same-node-endpoint": "-", "ttl-2": "✓" },
    "https-through-cdn": { "remove-nat": "✓", "add-cgnat": "✓", "warm-dns-cache": "✓", "same-node-endpoint": "-", "ttl-2": "-" },
    "kubernetes-service-call": { "remove-nat": "-", "add-cgnat": "-", "warm-dns-cache": "-", "same-node-endpoint": "✓", "ttl-2": "-" },
    "ssh-via-bastion": { "remove-nat": "✓", "add-cgnat": "✓", "warm-dns-cache": "-", "same-node-endpoint": "-", "ttl-2": "✓", "delete-sg-rule:bastion-sg:0": "✓", "delete-sg-rule:db-sg:0": "✓", "delete-sg-rule:web-sg:0": "0" },
    "two-offices-same-subnet": { "remove-nat": "✓", "add-cgnat": "✓", "warm-dns-cache": "-", "same-node-endpoint": "-", "ttl-2": "✓" },
  };
  const all: WhatIf[] = [{ kind: "remove-nat" }, { kind: "add-cgnat" }, { kind: "warm-dns-cache" }, { kind: "same-node-endpoint" }, { kind: "ttl", value: 2 }];
  test.each(scenarioIds())("%s", (id) => {
    const s = scenario(id);
    const candidates = [...all, ...genericWhatIfs(s).map((g) => g.whatIf).filter((w) => w.kind === "delete-sg-rule")];
    const got: Record<string, string> = {};
    for (const w of candidates) {
      const d = followUpDiff(s, 0, "intermediate", w);
      got[whatIfId(w)] = d.ok ? "✓" : d.reason === "NO_GRADED_CHANGE" ? "0" : "-";
    }
    expect(got).toEqual(expected[id]);
    expect(genericWhatIfs(s).map((g) => whatIfId(g.whatIf)).sort()).toEqual(Object.entries(expected[id]!).filter(([, v]) => v !== "-").map(([k]) => k).sort());
  });
});

describe("a follow-up is graded against the changed trace", () => {
  test("the changed key's own answers score full marks; the original answers do not", () => {
    const s = scenario("two-offices-same-subnet");
    const original = buildAnswerKey(s, 0, "intermediate");
    const d = diff("two-offices-same-subnet", { kind: "remove-nat" });
    const stageDef = followUpStage({ id: "remove-nat", question: "What if?", modelAnswer: null, whatIf: d.whatIf }, d, original);
    const state = (answers: Record<string, unknown>) => ({ def: stageDef, status: "submitted" as const, startedAt: 0, endedAt: 1, extraMs: 0, pausedMs: 0, answers: answers as never, hintsRevealed: 0, verdicts: null });
    const source = { key: original, context: { scenario: s, contentHash: "t" }, followUps: { "remove-nat": { key: d.key, context: { scenario: d.scenario, contentHash: "t" } } } };
    const pick = (a: Record<string, unknown>) => Object.fromEntries(stageDef.blanks.map((id) => [id, a[id]]));
    const right = gradeStage(source, state(pick(modelAnswers(d.key))))!;
    expect(right.percent).toBe(100);
    expect(right.fields.map((f) => f.id).sort()).toEqual([...stageDef.blanks].sort());
    const stale = gradeStage(source, state(pick(modelAnswers(original))))!;
    expect(stale.percent).toBeLessThan(100);
    expect(JSON.stringify(stageDef)).not.toContain('"expected"');
  });
});

describe("every applicable what-if builds its changed answer key (another seed, every difficulty)", () => {
  test.each(scenarioIds())("%s", (id) => {
    const s = scenario(id);
    for (const g of genericWhatIfs(s)) for (const d of ["beginner", "intermediate", "advanced"] as const) {
      const r = followUpDiff(s, 5, d, g.whatIf);
      expect(r.ok || r.reason, `${whatIfId(g.whatIf)} at ${d}`).not.toBe("VARIANT_FAILS");
    }
  });
});
