/**
 * Every graded field's "why" names the rule that produced its value, with this variant's numbers:
 * for every scenario, difficulty and a few seeds, the explanation mentions the field's own expected
 * value and the rule phrase for its kind of field.
 */
import { describe, expect, test } from "vitest";
import { buildAnswerKey } from "@/lib/grader";
import type { KeyBlank } from "@/lib/grader/types";
import { DIFFICULTIES } from "@/lib/scenario/schema";
import { scenario, scenarioIds } from "../helpers/scenarios";

const SEEDS = [0, 1, 7, 42];

/** Field -> the rule a correct explanation must name (any one of the alternatives). */
const RULES: readonly (readonly [string | RegExp, RegExp])[] = [
  ["eth.src", /interface the frame (leaves|left)/],
  ["eth.dst", /next hop.*ARP|ARP.*next hop/],
  ["ip.ttl", /initial TTL|router.*subtracts one/],
  ["tcp.seq", /initial sequence number \(ISN\)|ISN \d+ \+ \d+/],
  ["tcp.ack", /ISN \d+ \+ \d+|acknowledges nothing/],
  ["tcp.flags", /handshake|close|resets|acknowledging/],
  ["route.match", /longest/],
  ["tls.sni", /host name/],
  ["http.host", /host name/],
  ["dns.question", /name/],
  ["dns.answer", /A record/],
  ["http.header:x-forwarded-for", /client's address/],
  ["http.header:cf-connecting-ip", /client's address/],
  ["http.header:cf-ipcountry", /country/],
  ["http.header:cf-cache-status", /cache/],
  [/^(src|dst|ip\.src|ip\.dst|l4\.srcPort|l4\.dstPort)$/, /Translated at|interface it sends from|ephemeral port|well-known port|reply (goes back|comes from)|unchanged here/],
  ["nat", /(NAT|conntrack) entry records inside .* translated .* outside/],
  ["order", /The order here: 1\./],
  ["cache-status", /cache/i],
  ["latency-ms", /sum of the one-way link latencies/],
  ["dns-answer", /A record/],
  ["disposition", /: \S/],
  ["component", /decides it: \S/],
];

function ruleFor(field: string): RegExp | null {
  const row = RULES.find(([f]) => (typeof f === "string" ? f === field : f.test(field)));
  return row ? row[1] : null;
}

/** What the explanation must mention: the value (each part of a composite), or a choice's text. */
function mentions(b: KeyBlank): string[] {
  if (b.kind === "order") return b.parts.map((p) => b.options?.find((o) => o.id === p.expected)?.text ?? p.expected);
  if (b.field === "disposition") return [];
  if (b.kind === "choice" && b.field === "component") return [b.options?.find((o) => o.id === b.expected)?.text ?? b.expected];
  if (b.kind === "nat-entry") return b.expected.split(" -> ");
  if (b.kind === "socket") return b.parts.map((p) => p.expected);
  return [b.expected];
}

describe.each(scenarioIds())("%s", (id) => {
  test.each(DIFFICULTIES)("every field's explanation names its value and its rule at %s", (difficulty) => {
    const problems: string[] = [];
    let checked = 0;
    for (const seed of SEEDS) {
      for (const b of buildAnswerKey(scenario(id), seed, difficulty).blanks) {
        const rule = ruleFor(b.field);
        if (!rule) problems.push(`${b.id}: no rule phrase for field ${b.field}`);
        else if (!rule.test(b.reason)) problems.push(`seed ${seed} ${b.id}: does not name its rule (${rule}): ${b.reason}`);
        for (const m of mentions(b)) if (!b.reason.toLowerCase().includes(m.toLowerCase())) problems.push(`seed ${seed} ${b.id}: does not mention ${m}: ${b.reason}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(problems.slice(0, 5)).toEqual([]);
  });
});

describe("explanations of the issue's examples (browser-to-google, seed 0)", () => {
  const key = buildAnswerKey(scenario("browser-to-google"), 0, "advanced");
  const why = (id: string) => key.blanks.find((b) => b.id === id)?.reason ?? `(no blank ${id})`;
  test.each([
    ["the ack of the handshake's last ACK is the server's ISN + 1", "first-visit/tcp.ack@laptop/tcp.ack", /= the server's ISN 300 \+ 1: .*a SYN uses one sequence number/],
    ["the seq after the SYN is the client's ISN + 1", "first-visit/tcp.ack@laptop/tcp.seq", /= the client's ISN 100 \+ 1/],
    ["the laptop's TTL is Linux's initial TTL", "first-visit/dns.query@laptop/ip.ttl", /TTL 64: 64 is laptop's initial TTL \(Linux's default\)/],
    ["the source MAC is the outgoing interface's", "first-visit/dns.query@laptop/eth.src", /laptop's wlan0, the interface the frame leaves by/],
    ["the destination MAC is the next hop's, from ARP", "first-visit/dns.query@laptop/eth.dst", /next hop, 192\.168\.1\.1, resolved with ARP/],
    ["the DNS server's port is DNS's well-known port", "first-visit/dns.query@laptop/dst", /laptop's nameserver.*well-known port of DNS/],
    ["SNI is the host name typed", "first-visit/tls.client-hello@laptop/tls.sni", /host name from the URL typed \(https:\/\/google\.com\/\)/],
  ])("%s", (_label, id, pattern) => {
    expect(why(id)).toMatch(pattern);
  });
});
