import { describe, expect, test } from "vitest";
import { buildAnswerKey, gradeAnswers } from "@/lib/grader";
import { modelAnswers, type Answers } from "@/lib/grader/model-answers";
import type { KeyBlank } from "@/lib/grader/types";
import { satisfies } from "@/lib/grader/consistency";
import { scenario, scenarioIds } from "../helpers/scenarios";

function bumpIp(ip: string): string {
  const o = ip.split(".").map(Number);
  o[3] = (o[3]! + 7) % 256;
  return o.join(".");
}

function bumpPort(port: string, blank: KeyBlank, part: number): string {
  const free = blank.parts[part]?.free;
  if (free?.kind === "range" && free.max < 65535) return String(free.max + 1);
  if (free?.kind === "range" && free.min > 1) return String(free.min - 1);
  const n = Number(port);
  return String(n >= 65535 ? n - 1 : n + 1);
}

/** A readable answer that differs from the model answer. */
function perturb(blank: KeyBlank, model: Answers[string]): Answers[string] {
  const e = blank.expected;
  switch (blank.kind) {
    case "ipv4": return bumpIp(e);
    case "socket": {
      const [ip, port] = [e.slice(0, e.lastIndexOf(":")), e.slice(e.lastIndexOf(":") + 1)];
      return `${ip}:${bumpPort(port, blank, 1)}`;
    }
    case "port": return bumpPort(e, blank, 0);
    case "mac": return e.slice(0, -2) + (e.endsWith("00") ? "01" : "00");
    case "ttl": return String((Number(e) + 1) % 256);
    case "u32": return String((Number(e) + 7) % 2 ** 32);
    case "integer": case "number": return String(Number(e) + 1000);
    case "tcp-flags": return e.includes("SYN") ? "RST" : "SYN";
    case "hostname": return `x${e}`;
    case "cidr": return e === "0.0.0.0/0" ? "10.0.0.0/8" : "0.0.0.0/0";
    case "header": return /^\d+\.\d+\.\d+\.\d+$/.test(e) ? bumpIp(e) : `${e}x`;
    case "protocol": return e === "TCP" ? "UDP" : "TCP";
    case "choice": return blank.options!.find((o) => (blank.optionValues?.[o.id] ?? o.id) !== e)!.id;
    case "nat-entry": {
      const m = model as { inside: string; translated: string; outside: string };
      const t = m.translated;
      return { ...m, translated: `${t.slice(0, t.lastIndexOf(":"))}:${bumpPort(t.slice(t.lastIndexOf(":") + 1), blank, 3)}` };
    }
    case "order": return [...(model as string[])].reverse();
  }
}

/** A free value with a single observation may legitimately take any valid value. */
function freelyChangeable(blank: KeyBlank, changed: Answers[string], key: { blanks: readonly KeyBlank[] }): boolean {
  if (blank.kind !== "u32") return false;
  const part = blank.parts[0]!;
  if (!part.free || !part.ref) return false;
  const others = key.blanks.filter((b) => b.parts.some((p) => p.ref?.symbol === part.ref!.symbol));
  return others.length === 1 && satisfies(part.free, String(changed));
}

describe.each(scenarioIds())("%s", (id) => {
  test.each([0, 1, 2])("changing any single field loses exactly that field's points (seed %i)", (seed) => {
    const s = scenario(id);
    const key = buildAnswerKey(s, seed, "advanced");
    const model = modelAnswers(key);
    const problems: string[] = [];
    for (const blank of key.blanks) {
      const changed = perturb(blank, model[blank.id]!);
      const result = gradeAnswers(key, { ...model, [blank.id]: changed }, { scenario: s, contentHash: "test" });
      for (const f of result.fields) {
        if (f.id === blank.id) {
          const expectLoss = !freelyChangeable(blank, changed, key);
          if (expectLoss && f.score >= 1) problems.push(`${blank.id}: ${JSON.stringify(changed)} still scored ${f.score}`);
          if (!expectLoss && f.score !== 1) problems.push(`${blank.id}: a valid free value ${JSON.stringify(changed)} lost points`);
          if (f.status === "format-error") problems.push(`${blank.id}: perturbation was unreadable`);
        } else if (f.score !== 1) {
          problems.push(`changing ${blank.id} also cost ${f.id}: ${f.feedback}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
