/**
 * Handing out addressing drills: a fresh random seed per drill (node:crypto), and only the public
 * drill leaves the server. Grading regenerates the drill from (seed, kind).
 */
import "server-only";
import { randomInt } from "node:crypto";
import { generateDrill, publicDrill } from "@/lib/drills";
import type { DrillKind, PublicDrill } from "@/lib/drills/types";

/**
 * The seeds handed out: the drill bank takes any 32-bit seed, but DrillAttempt.seed is a 32-bit
 * signed integer column on PostgreSQL, so stay below 2^31.
 */
export const MAX_DRILL_SEED = 0x7fffffff;

/** A new drill of `kind` (or of a kind the bank picks), without its answers. */
export function nextPublicDrill(kind?: DrillKind): PublicDrill {
  return publicDrill(generateDrill(randomInt(0, MAX_DRILL_SEED + 1), kind));
}
