/**
 * Determinism (docs/trace-format.md): the same scenario, seed and world give a byte-identical
 * JSON.stringify(trace), whatever was simulated before in the same process. The engine memoises
 * variants, topologies, route decisions and refs (frozen; see trace-values.test.ts); none of that may leak into
 * the output. Different seeds give different variants.
 */
import { describe, expect, test } from "vitest";
import { flipped, RULE_IDS } from "@/lib/engine/rules";
import type { ScenarioFile } from "@/lib/scenario/schema";
import { simulate } from "@/lib/simulate";
import { scenario, scenarioIds } from "../helpers/scenarios";
import { awsVpc, homeNetwork, load, loadBalancerSite } from "../helpers/fixture";

const json = (s: ScenarioFile, seed: number, world = {}) => JSON.stringify(simulate(s, { seed, world }));

const subjects: [string, () => ScenarioFile][] = [
  ...scenarioIds().map((id) => [id, () => scenario(id)] as [string, () => ScenarioFile]),
  ["fixture: home network (cold ARP, site router)", () => load(homeNetwork({ arp: "cold", siteRouter: true }))],
  ["fixture: AWS VPC", () => load(awsVpc())],
  ["fixture: L7 balancer", () => load(loadBalancerSite())],
  ["fixture: L4 balancer", () => load(loadBalancerSite({ layer: 4 }))],
];

describe("determinism", () => {
  test("all six scenarios are covered", () => {
    expect(scenarioIds()).toHaveLength(6);
  });

  describe.each(subjects)("%s", (_name, make) => {
    const s = make();

    test("the same seed twice in a row gives byte-identical JSON", () => {
      expect(json(s, 0)).toBe(json(s, 0));
    });

    test("other seeds and every flipped world in between change nothing", () => {
      const before = json(s, 3);
      for (const seed of [0, 1, 2, 4, 5]) json(s, seed);
      for (const rule of RULE_IDS) json(s, 3, flipped(rule));
      json(s, 7, { "ttl-decrement": false, "mac-rewrite": false, snat: false });
      expect(json(s, 3)).toBe(before);
    });

    test("a flipped world simulated twice, with the real world in between, is identical too", () => {
      for (const rule of ["ttl-decrement", "snat", "dns-cache", "mac-end-to-end"] as const) {
        const first = json(s, 0, flipped(rule));
        json(s, 0);
        expect(json(s, 0, flipped(rule))).toBe(first);
      }
    });

    test("a second copy of the same scenario (a new object, new caches) gives the same JSON", () => {
      const copy = JSON.parse(JSON.stringify(s)) as ScenarioFile;
      expect(json(copy, 2)).toBe(json(s, 2));
    });
  });

  test("the variant memo evicts after 64 seeds and rebuilds the same variant", () => {
    const s = scenario("browser-to-google");
    const first = json(s, 0);
    for (let seed = 1; seed <= 70; seed++) simulate(s, { seed, throughFlow: "first-visit" });
    expect(json(s, 0)).toBe(first);
  });

  describe("different seeds give different variants", () => {
    test.each(scenarioIds())("%s: seeds 0-4 give at least 4 distinct sets of variables, and different traces", (id) => {
      const s = scenario(id);
      const traces = [0, 1, 2, 3, 4].map((seed) => simulate(s, { seed }));
      expect(new Set(traces.map((t) => JSON.stringify(t.variables))).size).toBeGreaterThanOrEqual(4);
      expect(new Set(traces.map((t) => JSON.stringify(t.flows))).size).toBe(5);
      expect(traces.map((t) => t.seed)).toEqual([0, 1, 2, 3, 4]);
    });

    test("a fixture without variables still differs in its random draws (ports, ISNs)", () => {
      const s = load(homeNetwork());
      const a = simulate(s, { seed: 0 });
      const b = simulate(s, { seed: 1 });
      expect(a.variables).toEqual({});
      expect(JSON.stringify(a.flows)).not.toBe(JSON.stringify(b.flows));
      expect(a.symbols["isn:visit/browse:client"]?.value).not.toBe(b.symbols["isn:visit/browse:client"]?.value);
    });

    test("seed 0 uses every variable's default", () => {
      expect(simulate(scenario("browser-to-google"), { seed: 0 }).variables).toEqual({
        dnsPort: "52431", googleIp: "142.250.190.46", ispNet: "203.0.113.0/24", lan: "192.168.1.0/24", laptopHost: "10", wanHost: "50", webPort: "52432",
      });
    });
  });
});
