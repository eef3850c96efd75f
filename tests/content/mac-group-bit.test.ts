/**
 * An interface's own MAC must be unicast: the loader rejects an address whose group bit (the
 * lowest bit of the first byte) is set, as Linux does (`ip link set address` refuses it). The
 * google.com scenario's router once used the source text's 11:22:33:44:55:66, which is one.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { instantiate } from "@/lib/scenario/compile";
import { loadScenarioText } from "@/lib/scenario/load";
import { CONTENT_DIR } from "../helpers/scenarios";

const google = readFileSync(path.join(CONTENT_DIR, "browser-to-google.yaml"), "utf8");

function problems(text: string): string[] {
  const loaded = loadScenarioText(text, "browser-to-google.yaml");
  if (!loaded.ok) return loaded.errors.map((e) => e.message);
  const r = instantiate(loaded.scenario, 0);
  return r.ok ? [] : r.issues.map((i) => i.message);
}

describe("interface MACs must be unicast", () => {
  test.each([
    { mac: "11:22:33:44:55:66", label: "the source text's router MAC (0x11: group bit set)", rejected: true },
    { mac: "01:00:5E:00:00:01", label: "an IPv4 multicast MAC", rejected: true },
    { mac: "FF:FF:FF:FF:FF:FF", label: "broadcast", rejected: true },
    { mac: "12:22:33:44:55:66", label: "the scenario's valid replacement (0x12)", rejected: false },
    { mac: "00:1A:2B:3C:4D:5E", label: "a vendor (globally administered) address", rejected: false },
  ])("$label: $mac rejected = $rejected", ({ mac, rejected }) => {
    const found = problems(google.replace('mac: "12:22:33:44:55:66"', `mac: "${mac}"`));
    if (rejected) expect(found.join("\n")).toMatch(/group \(multicast\) address.*Linux refuses it/);
    else expect(found).toEqual([]);
  });

  test("the scenario tells learners why the source text's address was replaced", () => {
    expect(google).toContain("11:22:33:44:55:66");
    expect(google).toMatch(/lowest bit of the first byte \(0x11\) marks a group \(multicast\) address/);
  });
});
