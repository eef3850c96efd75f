import { describe, expect, test } from "vitest";
import { buildAnswerKey, gradeAnswers } from "@/lib/grader";
import { modelAnswers, type Answers } from "@/lib/grader/model-answers";
import { scenario } from "../helpers/scenarios";

/** Replaces a port everywhere it appears (as ":port" or a whole value) in a set of answers. */
function swapPort(answers: Answers, from: string, to: string): Answers {
  const swap = (s: string) => (s === from ? to : s.replace(new RegExp(`:${from}$`), `:${to}`));
  const out: Answers = {};
  for (const [k, v] of Object.entries(answers)) {
    out[k] = typeof v === "string" ? swap(v) : Array.isArray(v) ? v : { inside: swap(v.inside), translated: swap(v.translated), outside: swap(v.outside) };
  }
  return out;
}

const google = () => scenario("browser-to-google");
const DNS_PORT = "52431";
const WEB_PORT = "52432";

describe("free values: any valid choice, used consistently", () => {
  test.each([
    ["another Linux ephemeral port for the DNS query", DNS_PORT, "40000"],
    ["the lowest Linux ephemeral port for the connection", WEB_PORT, "32768"],
    ["the highest Linux ephemeral port for the connection", WEB_PORT, "60999"],
  ])("%s scores full marks", (_label, from, to) => {
    const s = google();
    const key = buildAnswerKey(s, 0, "advanced");
    const answers = swapPort(modelAnswers(key), from, to);
    const result = gradeAnswers(key, answers, { scenario: s, contentHash: "t" });
    expect(result.fields.filter((f) => f.score !== 1).map((f) => f.feedback)).toEqual([]);
    expect(result.fields.some((f) => f.feedback.includes("consistently"))).toBe(true);
  });

  test("a port outside the OS's ephemeral range is wrong everywhere it is used", () => {
    const s = google();
    const key = buildAnswerKey(s, 0, "advanced");
    const result = gradeAnswers(key, swapPort(modelAnswers(key), WEB_PORT, "61000"), { scenario: s, contentHash: "t" });
    const hit = result.fields.filter((f) => f.given?.includes("61000"));
    expect(hit.length).toBeGreaterThan(1);
    for (const f of hit) {
      expect(f.score).toBeLessThan(1);
      expect(f.feedback).toContain("32768");
    }
  });

  test("a valid port used inconsistently loses points only where it disagrees", () => {
    const s = google();
    const key = buildAnswerKey(s, 0, "advanced");
    const model = modelAnswers(key);
    const answers = swapPort(model, WEB_PORT, "40000");
    answers["first-visit/tcp.syn-ack@home-router/dst"] = `192.168.1.10:41000`;
    const result = gradeAnswers(key, answers, { scenario: s, contentHash: "t" });
    const lost = result.fields.filter((f) => f.score !== 1);
    expect(lost.map((f) => f.id)).toEqual(["first-visit/tcp.syn-ack@home-router/dst"]);
    expect(lost[0]!.feedback).toContain("40000");
  });

  test("kube-proxy's endpoint is free: another endpoint, used consistently, is right", () => {
    const s = scenario("kubernetes-service-call");
    const key = buildAnswerKey(s, 0, "advanced");
    const model = modelAnswers(key);
    const chosen = "10.244.2.11";
    const other = "10.244.2.10";
    const answers: Answers = {};
    for (const [k, v] of Object.entries(model)) answers[k] = typeof v === "string" ? v.replace(chosen, other) : v;
    const nat = model["call-order-service/conntrack@node-1~2/nat"] as { inside: string; translated: string; outside: string };
    answers["call-order-service/conntrack@node-1~2/nat"] = { ...nat, translated: nat.translated.replace(chosen, other) };
    const result = gradeAnswers(key, answers, { scenario: s, contentHash: "t" });
    expect(result.fields.filter((f) => f.score !== 1).map((f) => `${f.id}: ${f.feedback}`)).toEqual([]);
  });

  test("an address that is not an endpoint is wrong", () => {
    const s = scenario("kubernetes-service-call");
    const key = buildAnswerKey(s, 0, "advanced");
    const answers = { ...modelAnswers(key), "call-order-service/tcp.syn@node-1/dst": "10.244.2.99:8080" };
    const f = gradeAnswers(key, answers, { scenario: s, contentHash: "t" }).fields.find((x) => x.id === "call-order-service/tcp.syn@node-1/dst")!;
    expect(f.score).toBeLessThan(1);
  });
});

describe("error carried forward", () => {
  test("a wrong NAT port used consistently afterwards is counted once, where it was made", () => {
    const s = google();
    const key = buildAnswerKey(s, 0, "advanced");
    const model = modelAnswers(key);
    const answers: Answers = { ...model };
    answers["first-visit/tcp.syn@home-router/src"] = "203.0.113.50:10005";
    answers["first-visit/tcp.syn-ack@google-lb/dst"] = "203.0.113.50:10005";
    const nat = model["first-visit/nat@home-router~2/nat"] as { inside: string; translated: string; outside: string };
    answers["first-visit/nat@home-router~2/nat"] = { ...nat, translated: "203.0.113.50:10005" };
    const result = gradeAnswers(key, answers, { scenario: s, contentHash: "t" });
    // The NAT entry is created before the SYN leaves the router, so that is where the port is first chosen.
    const lost = result.fields.filter((f) => f.score !== 1);
    expect(lost.map((f) => f.id)).toEqual(["first-visit/nat@home-router~2/nat"]);
    expect(result.fields.find((f) => f.id === "first-visit/tcp.syn@home-router/src")!.feedback).toContain("earlier answer");
    expect(result.fields.find((f) => f.id === "first-visit/tcp.syn-ack@google-lb/dst")!.feedback).toContain("earlier answer");
    expect(result.firstDivergence?.at).toBe("nat@home-router~2");
  });

  test("a wrong TTL carried through later hops costs one field", () => {
    const s = google();
    const key = buildAnswerKey(s, 0, "advanced");
    const answers = { ...modelAnswers(key), "first-visit/tcp.syn@laptop/ip.ttl": "128", "first-visit/tcp.syn@home-router/ip.ttl": "127" };
    const result = gradeAnswers(key, answers, { scenario: s, contentHash: "t" });
    expect(result.fields.filter((f) => f.score !== 1).map((f) => f.id)).toEqual(["first-visit/tcp.syn@laptop/ip.ttl"]);
  });
});
