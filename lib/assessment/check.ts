/**
 * Checks an assessment definition against itself and the catalogue, beyond what the schema can
 * say field by field: unknown scenarios, repeated alternatives, zones that cannot draw, worthless
 * questions, dates out of order, an exam that is not one timed attempt. Errors block publishing;
 * warnings point at something probably unfair (students drawing questions of different worth).
 * The catalogue comes in as an argument, so the check stays a function of its inputs.
 */
import type { Path } from "../scenario/issues";
import { instantMs, type AssessmentDefinition } from "./schema";

export interface DefinitionIssue {
  readonly severity: "error" | "warning";
  readonly path: Path;
  readonly message: string;
}

/** Every problem of a parsed definition, in the order of the file; empty when it may be published. */
export function checkAssessment(def: AssessmentDefinition, knownScenarioIds: Iterable<string>): readonly DefinitionIssue[] {
  const known = new Set(knownScenarioIds);
  const issues: DefinitionIssue[] = [];
  const error = (path: Path, message: string) => issues.push({ severity: "error", path, message });
  const warn = (path: Path, message: string) => issues.push({ severity: "warning", path, message });

  const zoneOfScenario = new Map<string, number>();
  def.zones.forEach((zone, z) => {
    const seen = new Map<string, number>();
    zone.alternatives.forEach((alt, a) => {
      const at = ["zones", z, "alternatives", a];
      if (!known.has(alt.scenario)) error([...at, "scenario"], `unknown scenario "${alt.scenario}" (not in the catalogue)`);
      const key = `${alt.scenario}/${alt.difficulty}`;
      const first = seen.get(key);
      if (first !== undefined) error(at, `duplicate alternative: ${alt.scenario} at ${alt.difficulty} is already alternatives[${first}]`);
      else seen.set(key, a);
      if (alt.points === 0) error([...at, "points"], "an alternative worth 0 points cannot be scored; give it points or remove it");
      const otherZone = zoneOfScenario.get(alt.scenario);
      if (otherZone !== undefined && otherZone !== z) {
        warn([...at, "scenario"], `scenario "${alt.scenario}" is also in zones[${otherZone}]: a student may get it twice`);
      }
      if (otherZone === undefined) zoneOfScenario.set(alt.scenario, z);
    });
    if (zone.choose > zone.alternatives.length) {
      error(["zones", z, "choose"], `choose is ${zone.choose} but the zone has only ${zone.alternatives.length} alternative(s)`);
    }
    const points = new Set(zone.alternatives.map((a) => a.points));
    if (zone.choose < zone.alternatives.length && points.size > 1) {
      warn(["zones", z, "alternatives"], `the alternatives are worth different points (${[...points].join(", ")}) but each student gets only ${zone.choose}: maximum scores will differ`);
    }
  });

  const { release, close, late, timeLimitMinutes, attempts } = def.access;
  if (release !== undefined && close !== undefined && instantMs(close) <= instantMs(release)) {
    error(["access", "close"], `close (${close}) is not after release (${release})`);
  }
  if (late !== undefined) {
    if (close === undefined) error(["access", "late"], "a late policy needs a close date to be late after");
    else if (instantMs(late.until) <= instantMs(close)) error(["access", "late", "until"], `late.until (${late.until}) is not after close (${close})`);
  }
  if (def.kind === "exam") {
    if (timeLimitMinutes === undefined) error(["access", "timeLimitMinutes"], "an exam is timed: set timeLimitMinutes");
    if (attempts !== 1) error(["access", "attempts"], `an exam has one attempt (attempts is ${attempts}); use kind: homework for several`);
  }
  const credits = def.scoring.creditPerTry;
  if (credits.some((c, i) => i > 0 && c > credits[i - 1]!)) {
    warn(["scoring", "creditPerTry"], "credit per try goes up: a later attempt would be worth more than an earlier one");
  }
  // The last instant anyone may hand in without an override: answers shown before it can leak.
  const lastHandIn = late?.until ?? close;
  for (const [part, moment] of Object.entries(def.feedback)) {
    if (moment === "after-close" && close === undefined) {
      warn(["feedback", part], `${part} is shown after close, but there is no close date: it will never be shown`);
    }
    if (part === "score") continue;
    if (moment === "after-submit" && def.kind === "exam") {
      warn(["feedback", part], `${part} is shown right after submitting: a student who has finished can pass it to one still working`);
    }
    if (typeof moment === "object" && lastHandIn !== undefined && instantMs(moment.date) < instantMs(lastHandIn)) {
      warn(["feedback", part, "date"], `${part} is shown on ${moment.date}, before students stop handing in (${lastHandIn})`);
    }
  }
  return issues;
}
