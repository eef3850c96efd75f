/**
 * A variant's fingerprint: one hash of the scenario id and the variant's resolved variable values.
 * Two seeds can draw the same values (small pools), and then their variants ask for the same
 * answers; the fingerprint names the variant, not the seed. The difficulty is left out on purpose:
 * every difficulty of a variant shares its expected values (a higher level asks more of them).
 */
import { sha256Hex } from "./digest";
import type { ScenarioFile } from "./schema";
import { formatValue, generateVariables } from "./variables";

/** The fingerprint of a variant, from its scenario id and variable values (as in a trace's `variables`). */
export function variantFingerprint(scenarioId: string, variables: Readonly<Record<string, string>>): string {
  const canonical = Object.keys(variables).sort().map((name) => `${name}=${variables[name]}`).join("\n");
  return `v1:${sha256Hex(`${scenarioId}\n${canonical}`)}`;
}

/** The variable values of a scenario's variant for a seed, as a trace reports them (throws if they cannot be drawn). */
export function variantVariables(file: ScenarioFile, seed: number): Record<string, string> {
  return Object.fromEntries([...generateVariables(file.variables, seed)].map(([k, v]) => [k, formatValue(v)]));
}

/** The fingerprint of a scenario's variant for a seed: the same as the trace of that variant gives. */
export function seedFingerprint(file: ScenarioFile, seed: number): string {
  return variantFingerprint(file.id, variantVariables(file, seed));
}
