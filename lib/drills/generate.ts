/**
 * The addressing drill bank: a seed and a kind fully determine a drill, so the server never stores
 * questions, only (kind, seed) pairs, and regenerates the answers when it grades.
 */
import { rngFor } from "../random";
import { addressCategoryDrill } from "./address-category";
import { cidrContainsDrill } from "./cidr-contains";
import { classfulClassDrill } from "./classful-class";
import { netmaskPrefixDrill } from "./netmask-prefix";
import type { DrillParts } from "./parts";
import { weighted } from "./pick";
import { subnetFactsDrill } from "./subnet-facts";
import { DRILL_KINDS, type Drill, type DrillKind, type PublicDrill } from "./types";
import type { Rng } from "../random";

const GENERATORS: Readonly<Record<DrillKind, (rng: Rng) => DrillParts>> = {
  "subnet-facts": subnetFactsDrill,
  "address-category": addressCategoryDrill,
  "classful-class": classfulClassDrill,
  "netmask-prefix": netmaskPrefixDrill,
  "cidr-contains": cidrContainsDrill,
};

/** How often each kind comes up when the caller does not choose: subnetting most. */
const KIND_WEIGHTS: ReadonlyArray<readonly [DrillKind, number]> = [
  ["subnet-facts", 3],
  ["address-category", 2],
  ["classful-class", 1],
  ["netmask-prefix", 2],
  ["cidr-contains", 2],
];

/** True for a seed drills accept: a whole number 0 .. 2^32-1. */
export function isDrillSeed(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}

/** True for a known drill kind. */
export function isDrillKind(value: unknown): value is DrillKind {
  return typeof value === "string" && (DRILL_KINDS as readonly string[]).includes(value);
}

/** The kind a seed gets when the caller leaves the choice to the bank. */
export function kindForSeed(seed: number): DrillKind {
  return weighted(rngFor(seed, "drill:kind"), KIND_WEIGHTS);
}

/** A drill's id: the same (kind, seed) always gives the same id. */
export function drillId(kind: DrillKind, seed: number): string {
  return `${kind}-${seed}`;
}

/**
 * Generates the drill for a seed (and kind, else one chosen by the seed). Deterministic.
 * Throws RangeError for a seed or kind the server itself got wrong; learner input goes through
 * gradeDrill, which never throws.
 */
export function generateDrill(seed: number, kind?: DrillKind): Drill {
  if (!isDrillSeed(seed)) throw new RangeError(`drill seed must be a whole number 0-4294967295, got ${String(seed)}`);
  if (kind !== undefined && !isDrillKind(kind)) throw new RangeError(`unknown drill kind ${String(kind)}`);
  const chosen = kind ?? kindForSeed(seed);
  const parts = GENERATORS[chosen](rngFor(seed, `drill:${chosen}`));
  return { id: drillId(chosen, seed), seed, kind: chosen, ...parts };
}

/**
 * The drill without its answers, safe to send to a browser. Built field by field (never by
 * spreading) so a field added to Drill later stays private unless it is added here on purpose.
 */
export function publicDrill(drill: Drill): PublicDrill {
  return {
    id: drill.id,
    seed: drill.seed,
    kind: drill.kind,
    prompt: drill.prompt,
    blanks: drill.blanks.map((b) => ({ id: b.id, label: b.label, format: b.format })),
  };
}
