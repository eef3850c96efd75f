/**
 * Deep freezing for what the engine keeps between simulations. A cached decision, symbol or
 * reference may appear in many traces; frozen, no caller can change it under another trace.
 * Everything else in a trace is made fresh for that trace, so a caller owns its result outright.
 */

/** Freezes a value and everything reachable from it (plain objects and arrays), and returns it. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
