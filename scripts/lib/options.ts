/** Command-line option checks shared by the scripts, so every one rejects bad input the same way. */

/** A bad command-line option: the scripts print its message with their usage and exit 2. */
export class OptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OptionError";
  }
}

/** An option's whole number from `min` to `max` (`fallback` when not given), checked before any work starts. */
export function wholeNumberOption(name: string, given: string | undefined, fallback: number, min: number, max: number): number {
  if (given === undefined) return fallback;
  const n = Number(given);
  if (!/^\d+$/.test(given) || n < min || n > max) throw new OptionError(`${name} takes a whole number from ${min} to ${max} (got "${given}")`);
  return n;
}
