/**
 * Scenarios that ask the simulator for too much, built from the google.com scenario: more flows,
 * steps or nodes than the limits allow. Shared by the limit tests and bench:http's hostile run.
 */
import fs from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";

const SOURCE = path.join(__dirname, "..", "..", "content", "scenarios", "browser-to-google.yaml");

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a scenario document edited freely as loose YAML
type Doc = Record<string, any>;

function google(): Doc {
  return parse(fs.readFileSync(SOURCE, "utf8"), { merge: true }) as Doc;
}

export interface HostileShape {
  /** Copies of the first flow (each browsing google.com once more). */
  readonly flows?: number;
  /** Browse steps in every flow. */
  readonly stepsPerFlow?: number;
  /** Extra hosts on a segment of their own. */
  readonly extraNodes?: number;
}

/** The google.com scenario as a document, grown to `shape`. */
export function hostileScenario(shape: HostileShape): Doc {
  const doc = google();
  const first = doc.flows[0];
  const browse = first.steps.find((s: Doc) => "browse" in s);
  const flow = (i: number) => ({
    ...first, id: `visit-${i}`, title: `Visit ${i}`, expect: { outcome: "DELIVERED" },
    steps: Array.from({ length: shape.stepsPerFlow ?? 1 }, () => ({ browse: browse.browse, isn: 100 })),
  });
  if (shape.flows !== undefined || shape.stepsPerFlow !== undefined) {
    doc.flows = Array.from({ length: shape.flows ?? 1 }, (_, i) => JSON.parse(JSON.stringify(flow(i))));
    doc.questions = [];
  }
  if (shape.extraNodes) {
    doc.segments.push({ id: "crowd", label: "A crowded segment", latencyMs: 1 });
    for (let i = 0; i < shape.extraNodes; i++) {
      doc.nodes.push({ id: `crowd-${i}`, kind: "host", label: `Host ${i}`, interfaces: [{ name: "eth0", segment: "crowd", address: `10.200.${i >> 8}.${(i & 255) + 1}/16` }] });
    }
  }
  return doc;
}

/** The same, as YAML text (what a client would paste). */
export function hostileScenarioYaml(shape: HostileShape): string {
  return stringify(hostileScenario(shape));
}
