import { describe, expect, test } from "vitest";
import { buildAnswerKey, gradeAnswers } from "@/lib/grader";
import { modelAnswers } from "@/lib/grader/model-answers";
import { locate } from "@/lib/grader/locate";
import { worldTrace } from "@/lib/grader/misconceptions";
import type { RuleId } from "@/lib/engine/rules";
import { scenario } from "../helpers/scenarios";

/** [scenario, blank id, rule whose flipped world produces the crafted answer] */
const WORLD_CASES: [string, string, RuleId][] = [
  ["browser-to-google", "first-visit/tcp.syn@home-router/ip.ttl", "ttl-decrement"],
  ["browser-to-google", "first-visit/tcp.syn@home-router/eth.src", "mac-rewrite"],
  ["browser-to-google", "first-visit/tcp.syn@laptop/eth.dst", "mac-end-to-end"],
  ["browser-to-google", "first-visit/tcp.syn-ack@home-router/dst", "reverse-nat"],
  ["browser-to-google", "first-visit/tcp.syn@home-router/src", "nat-port-preservation"],
  ["browser-to-google", "first-visit/tcp.syn-ack@google-lb/tcp.ack", "syn-consumes-seq"],
  ["browser-to-google", "second-visit/value/cache", "dns-cache"],
  ["two-offices-same-subnet", "office-a/tcp.syn@server/src", "snat"],
  ["kubernetes-service-call", "call-order-service/tcp.syn@node-1/dst", "kube-proxy-dnat"],
  ["kubernetes-service-call", "call-order-service/tcp.syn-ack@node-1/src", "conntrack-reverse"],
  ["kubernetes-service-call", "call-order-service/dns.query@user-service-abc123/dns.question", "dns-search-domains"],
  ["https-through-cdn", "second-user/value/hit-status", "cdn-cache"],
  ["aws-private-subnet-nat", "apt-update/outcome/disposition", "sg-stateful"],
  ["aws-private-subnet-nat", "stateless-nacl/outcome/disposition", "nacl-stateless"],
];

function crafted(id: string, blankId: string, rule: RuleId) {
  const s = scenario(id);
  const key = buildAnswerKey(s, 0, "advanced");
  const blank = key.blanks.find((b) => b.id === blankId);
  if (!blank) throw new Error(`no blank ${blankId}`);
  const world = locate(worldTrace(s, 0, rule), blank.source);
  if (!world) throw new Error(`the ${rule} world has no value for ${blankId}`);
  const answer = blank.kind === "nat-entry" ? (() => { const [inside, translated, outside] = world.expected.split(" -> "); return { inside, translated, outside }; })() : world.expected;
  const result = gradeAnswers(key, { ...modelAnswers(key), [blankId]: answer }, { scenario: s, contentHash: "test" });
  return { field: result.fields.find((f) => f.id === blankId)!, world: world.expected, expected: blank.expected };
}

describe("each misconception is named when the answer matches its world", () => {
  test.each(WORLD_CASES)("%s: %s -> %s", (id, blankId, rule) => {
    const { field, world, expected } = crafted(id, blankId, rule);
    expect(world).not.toBe(expected);
    expect(["wrong", "partial"]).toContain(field.status);
    expect(field.misconception?.rule).toBe(rule);
    expect(field.feedback).toContain("misconception");
  });
});

describe("hand-written answers that learners really give", () => {
  const google = () => scenario("browser-to-google");
  test.each([
    ["TTL unchanged after the router", "first-visit/tcp.syn@home-router/ip.ttl", "64", "ttl-decrement"],
    ["laptop's MAC still the source after the router", "first-visit/tcp.syn@home-router/eth.src", "aa-bb-cc-dd-ee-ff", "mac-rewrite"],
    ["reply still addressed to the public side", "first-visit/tcp.syn-ack@home-router/dst", "203.0.113.50:10002", "reverse-nat"],
    ["NAT keeps the client's port", "first-visit/tcp.syn@home-router/src", "203.0.113.50:52432", "nat-port-preservation"],
    ["SYN-ACK acknowledges the ISN itself", "first-visit/tcp.syn-ack@google-lb/tcp.ack", "100", "syn-consumes-seq"],
  ])("%s", (_label, blankId, answer, rule) => {
    const s = google();
    const key = buildAnswerKey(s, 0, "advanced");
    const result = gradeAnswers(key, { ...modelAnswers(key), [blankId]: answer }, { scenario: s, contentHash: "test" });
    const f = result.fields.find((x) => x.id === blankId)!;
    expect(f.misconception?.rule).toBe(rule);
    expect(result.firstDivergence?.at).toBe(f.at);
  });

  test("the origin seeing the visitor's address is named as the proxy misconception", () => {
    const s = scenario("https-through-cdn");
    const key = buildAnswerKey(s, 0, "advanced");
    const blankId = "first-request/origin.http.request@cf-nrt/src";
    const port = key.blanks.find((b) => b.id === blankId)!.expected.split(":")[1];
    const result = gradeAnswers(key, { ...modelAnswers(key), [blankId]: `203.0.113.77:${port}` }, { scenario: s, contentHash: "test" });
    expect(result.fields.find((x) => x.id === blankId)!.misconception?.rule).toBe("proxy-new-connection");
  });
});

describe("accepted alternatives", () => {
  test("the NAT gateway writing its Elastic IP earns credit, with the precise story", () => {
    const s = scenario("aws-private-subnet-nat");
    const key = buildAnswerKey(s, 0, "advanced");
    const blankId = "apt-update/tcp.syn@nat-a/src";
    expect(key.blanks.find((b) => b.id === blankId)!.expected).toBe("10.0.1.100:10001");
    const result = gradeAnswers(key, { ...modelAnswers(key), [blankId]: "54.23.100.7:10001" }, { scenario: s, contentHash: "test" });
    const f = result.fields.find((x) => x.id === blankId)!;
    expect(f.status).toBe("accepted-alternative");
    expect(f.score).toBe(1);
    expect(f.feedback).toContain("internet gateway");
  });

  test("an unrelated wrong address at the NAT gateway is not an alternative", () => {
    const s = scenario("aws-private-subnet-nat");
    const key = buildAnswerKey(s, 0, "advanced");
    const blankId = "apt-update/tcp.syn@nat-a/src";
    const result = gradeAnswers(key, { ...modelAnswers(key), [blankId]: "54.23.100.8:10001" }, { scenario: s, contentHash: "test" });
    expect(result.fields.find((x) => x.id === blankId)!.status).toBe("partial");
  });
});

describe("a translation left out is named even when its world ends early", () => {
  test.each([
    ["browser-to-google", "first-visit/tcp.syn@home-router/src", "192.168.1.10:52432", "snat"],
    ["kubernetes-service-call", "call-order-service/tcp.syn@node-1/dst", "10.96.50.100:80", "kube-proxy-dnat"],
  ])("%s: %s = %s", (id, blankId, answer, rule) => {
    const s = scenario(id);
    const key = buildAnswerKey(s, 0, "advanced");
    const result = gradeAnswers(key, { ...modelAnswers(key), [blankId]: answer }, { scenario: s, contentHash: "test" });
    expect(result.fields.find((f) => f.id === blankId)!.misconception?.rule).toBe(rule);
  });
});
