/**
 * fast-check generators of hostile request input, shared by the property tests of the API schemas,
 * the route handlers and the scenario loader: random JSON, prototype-pollution keys, huge and odd
 * numbers, lone surrogates, long strings, and nesting far deeper than anything legitimate.
 */
import fc from "fast-check";

/** Keys that break code which copies objects carelessly. */
export const POISON_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty"] as const;

/** Any text, lone surrogates (invalid UTF-16) included. */
export const anyText = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.constantFrom("", "\u0000", "\ud800", "\udfff\ud800", "𝟘", "\u202e"));

/** Numbers a schema may not expect: huge, fractional, negative zero, unsafe integers. */
export const oddNumber = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-0, 2 ** 53, -(2 ** 53), Number.MAX_SAFE_INTEGER + 2, Number.MAX_VALUE, Number.MIN_VALUE, 1e308, 4294967296),
  fc.integer(),
);

const key = fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 12 }) }, { weight: 1, arbitrary: fc.constantFrom(...POISON_KEYS) });

/** Random JSON-compatible values, keys including prototype-pollution names. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    oddNumber,
    anyText,
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(key, tie("value"), { maxKeys: 5 }),
  ),
})).value;

/** `{"k":{"k":...}}` or `[[[...]]]` nested `depth` levels, as JSON text (built without recursion). */
export function deeplyNestedJson(depth: number, kind: "object" | "array"): string {
  return kind === "object" ? `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}` : `${"[".repeat(depth)}1${"]".repeat(depth)}`;
}

/** A JSON object whose keys are the poison keys, as text: JSON.parse keeps `__proto__` as an own key. */
export const poisonedObjectText = fc
  .tuple(fc.subarray([...POISON_KEYS], { minLength: 1 }), hostileJson)
  .map(([keys, value]) => `{${keys.map((k) => `${JSON.stringify(k)}: ${JSON.stringify(value) ?? "null"}`).join(", ")}}`);

/** The object shapes the API expects, with each field replaced by something hostile. */
export function hostileShapeOf(fields: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(Object.fromEntries(fields.map((f) => [f, hostileJson])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, unknown>>;
}

/** Text a client could send as a body: valid JSON, garbage, truncated JSON, or poisoned objects. */
export const hostileBodyText = fc.oneof(
  hostileJson.map((v) => JSON.stringify(v) ?? "null"),
  anyText,
  hostileJson.map((v) => (JSON.stringify(v) ?? "null").slice(0, -1)),
  poisonedObjectText,
  fc.constantFrom("", " ", "null", "[]", "1e999", "-1e999", '"\\ud800"', '{"a":1,"a":2}', "\ufeff{}", "{".repeat(10_000)),
);
