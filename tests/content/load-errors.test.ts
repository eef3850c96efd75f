import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { formatError, loadScenarioText } from "@/lib/scenario/load";

const google = readFileSync(path.resolve(__dirname, "../../content/scenarios/browser-to-google.yaml"), "utf8");
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

/** [label, how to break the file, the text on the line the error must point at, message] */
const CASES: [string, (t: string) => string, string, RegExp][] = [
  ["a YAML syntax error", (t) => t.replace("summary: DNS, ARP", "summary: [DNS, ARP"), "summary: [DNS", /./],
  ["an unknown key (strict schema)", (t) => t.replace("  - id: laptop\n", "  - id: laptop\n    colour: blue\n"), "colour: blue", /colour/],
  ["an address with an octet over 255", (t) => t.replace('address: "${lan+laptopHost}/24"', 'address: "192.168.1.300/24"'), "192.168.1.300", /over 255/],
  ["a flow from a node that does not exist", (t) => t.replace("    from: laptop\n    steps:\n      - browse: https://google.com/\n        dnsPort", "    from: lapton\n    steps:\n      - browse: https://google.com/\n        dnsPort"), "from: lapton", /lapton/],
  ["a route whose gateway is malformed", (t) => t.replace('- { to: 0.0.0.0/0, via: "${ispNet+1}" }', "- { to: 0.0.0.0/0, via: 203.0.113 }"), "via: 203.0.113 }", /not an IPv4 address/],
  ["a variable that does not exist", (t) => t.replace('gateway: "${lan+1}"', 'gateway: "${lam+1}"'), "${lam+1}", /unknown variable "lam"/],
];

describe("a broken scenario names the file, the path and the line", () => {
  test.each(CASES)("%s", (_label, breakIt, onLine, message) => {
    const text = breakIt(google);
    expect(text).not.toBe(google);
    const r = loadScenarioText(text, "content/scenarios/broken.yaml");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const e = r.errors[0]!;
    expect(e.file).toBe("content/scenarios/broken.yaml");
    // A YAML parser notices an unclosed bracket where it runs into the next line.
    const at = lineOf(text, onLine);
    expect(e.line === at || (_label.includes("syntax") && e.line === at + 1)).toBe(true);
    expect(e.message).toMatch(message);
    expect(formatError(e)).toMatch(/^content\/scenarios\/broken\.yaml:\d+: /);
  });

  test("hostile input never throws", () => {
    for (const text of ["", "[]", "42", "a: b: c", "{{{{", "x".repeat(2_000_000), "&a [*a]", "id: x\n".repeat(3), "- &a [*a, *a, *a, *a, *a, *a, *a, *a, *a]"]) {
      const r = loadScenarioText(text, "hostile.yaml");
      expect(r.ok).toBe(false);
    }
  });
});
