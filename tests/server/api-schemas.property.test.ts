/**
 * Property tests: every API input schema (lib/server/api-schemas.ts, lib/auth/schemas.ts, the
 * drills' schemas) and the JSON body reader take random and hostile input without throwing,
 * answer with a well-formed error, and never let a prototype-pollution key reach Object.prototype.
 */
import fc from "fast-check";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, test } from "vitest";
import { GradeDrillSchema, NextDrillQuerySchema } from "@/app/api/v1/drills/schemas";
import { fieldErrorsOf, SignInSchema, SignUpSchema } from "@/lib/auth/schemas";
import { holdsLoneSurrogate, MAX_JSON_DEPTH, nestsDeeperThan, parseJsonBody } from "@/lib/server/api";
import {
  AnswersSchema,
  GradeSchema,
  SaveAnswersSchema,
  ScenarioQuerySchema,
  SheetQuerySchema,
  SimulateSchema,
  StartAttemptSchema,
} from "@/lib/server/api-schemas";
import { anyText, deeplyNestedJson, hostileBodyText, hostileJson, hostileShapeOf, poisonedObjectText } from "./hostile-input-arbitraries";

const RUNS = 300;

const SCHEMAS = [
  { name: "StartAttemptSchema", schema: StartAttemptSchema, fields: ["scenarioId", "difficulty", "seed"] },
  { name: "GradeSchema", schema: GradeSchema, fields: ["scenarioId", "seed", "difficulty", "answers"] },
  { name: "SaveAnswersSchema", schema: SaveAnswersSchema, fields: ["answers"] },
  { name: "AnswersSchema", schema: AnswersSchema, fields: ["a", "__proto__", "constructor"] },
  { name: "SimulateSchema", schema: SimulateSchema, fields: ["scenarioId", "scenario", "seed"] },
  { name: "ScenarioQuerySchema", schema: ScenarioQuerySchema, fields: ["seed"] },
  { name: "SheetQuerySchema", schema: SheetQuerySchema, fields: ["seed", "difficulty"] },
  { name: "SignUpSchema", schema: SignUpSchema, fields: ["email", "password", "name"] },
  { name: "SignInSchema", schema: SignInSchema, fields: ["email", "password"] },
  { name: "GradeDrillSchema", schema: GradeDrillSchema, fields: ["seed", "kind", "answers"] },
  { name: "NextDrillQuerySchema", schema: NextDrillQuerySchema, fields: ["kind"] },
] as const;

afterEach(() => {
  // A schema that copied a "__proto__" key onto a plain object would have changed every object.
  expect(Object.prototype).toEqual({});
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe.each(SCHEMAS)("$name", ({ schema, fields }) => {
  test("random values and random objects of its shape: a result, never a throw; errors name fields", () => {
    fc.assert(
      fc.property(fc.oneof(hostileJson, hostileShapeOf(fields)), (input) => {
        const parsed = schema.safeParse(input);
        if (!parsed.success) {
          const errors = fieldErrorsOf(parsed.error);
          expect(Object.keys(errors).length).toBeGreaterThan(0);
          for (const messages of Object.values(errors)) for (const m of messages ?? []) expect(typeof m).toBe("string");
        }
      }),
      { numRuns: RUNS },
    );
  });

  test("objects whose keys are __proto__, constructor, prototype", () => {
    fc.assert(
      fc.property(poisonedObjectText, (text) => {
        const parsed = schema.safeParse(JSON.parse(text));
        if (parsed.success && parsed.data && typeof parsed.data === "object") {
          expect(Object.getPrototypeOf(parsed.data)).toBe(Object.prototype);
        }
      }),
      { numRuns: 100 },
    );
  });
});

function jsonRequest(body: string | Uint8Array, contentType = "application/json"): NextRequest {
  const payload: BodyInit = typeof body === "string" ? body : new Blob([new Uint8Array(body)]);
  return new NextRequest("http://localhost:3000/api/v1/x", { method: "POST", headers: { "content-type": contentType }, body: payload });
}

describe("parseJsonBody on hostile bodies", () => {
  test("any text: parsed data or a 400/413/415/422 with the error shape", async () => {
    await fc.assert(
      fc.asyncProperty(hostileBodyText, fc.constantFrom(...SCHEMAS), async (text, { schema }) => {
        const result = await parseJsonBody(jsonRequest(text), schema, { maxBytes: 64 * 1024 });
        if (result.ok) return;
        expect([400, 413, 415, 422]).toContain(result.response.status);
        const body = (await result.response.json()) as { error: { code: string; message: string } };
        expect(typeof body.error.code).toBe("string");
        expect(typeof body.error.message).toBe("string");
      }),
      { numRuns: RUNS },
    );
  });

  test("bytes that are not UTF-8 are a 400, not a crash", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), async (bytes) => {
        const result = await parseJsonBody(jsonRequest(bytes), GradeSchema);
        if (!result.ok) expect([400, 422]).toContain(result.response.status);
      }),
      { numRuns: 100 },
    );
  });

  test.each([
    { label: "an object 5,000 levels deep", text: deeplyNestedJson(5_000, "object") },
    { label: "an array 30,000 levels deep", text: deeplyNestedJson(30_000, "array") },
    { label: "a scenario object 5,000 levels deep", text: `{"scenario":${deeplyNestedJson(5_000, "object")}}` },
    { label: "answers 2,000 levels deep", text: `{"answers":{"a":${deeplyNestedJson(2_000, "array")}}}` },
  ])("$label: 422 too_deeply_nested", async ({ text }) => {
    const result = await parseJsonBody(jsonRequest(text), SimulateSchema, { maxBytes: 256 * 1024 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.response.status).toBe(422);
    expect((await result.response.json()).error.code).toBe("too_deeply_nested");
  });

  test("a string as long as the body limit allows: answered, not stuck", async () => {
    const text = JSON.stringify({ scenarioId: "x".repeat(60 * 1024), difficulty: "beginner" });
    const result = await parseJsonBody(jsonRequest(text), StartAttemptSchema);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.response.status).toBe(422);
  });
});

describe("lone surrogates (half a character, which no database stores)", () => {
  test.each([
    { label: "plain text", value: { a: "10.0.0.1 → NAT" }, expected: false },
    { label: "an emoji (a whole pair)", value: ["😀"], expected: false },
    { label: "a lone high surrogate in a value", value: { a: ["x\uD800"] }, expected: true },
    { label: "a lone low surrogate in a value", value: "\uDC00y", expected: true },
    { label: "a lone surrogate in a key", value: { "\uD83D": 1 }, expected: true },
    { label: "a pair written backwards", value: "\uDE00\uD83D", expected: true },
  ])("$label", ({ value, expected }) => {
    expect(holdsLoneSurrogate(value)).toBe(expected);
  });

  test("a body holding one is refused with 400 invalid_json, before the schema", async () => {
    const result = await parseJsonBody(jsonRequest('{"answers":{"f1":"\\ud800"}}'), SaveAnswersSchema);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.response.status).toBe(400);
      expect(((await result.response.json()) as { error: { code: string } }).error.code).toBe("invalid_json");
    }
  });
});

describe("nestsDeeperThan", () => {
  test.each([
    { label: "a number", value: 1, limit: 0, expected: false },
    { label: "an empty object at the limit 0", value: {}, limit: 0, expected: true },
    { label: "exactly the limit", value: JSON.parse(deeplyNestedJson(MAX_JSON_DEPTH, "array")), limit: MAX_JSON_DEPTH, expected: false },
    { label: "one level more", value: JSON.parse(deeplyNestedJson(MAX_JSON_DEPTH + 1, "array")), limit: MAX_JSON_DEPTH, expected: true },
    { label: "100,000 levels (no recursion)", value: JSON.parse(deeplyNestedJson(100_000, "array")), limit: MAX_JSON_DEPTH, expected: true },
  ])("$label", ({ value, limit, expected }) => {
    expect(nestsDeeperThan(value, limit)).toBe(expected);
  });

  test("agrees with a recursive depth on random JSON", () => {
    const depth = (v: unknown): number => (v !== null && typeof v === "object" ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0);
    fc.assert(
      fc.property(hostileJson, fc.integer({ min: 0, max: 6 }), (value, limit) => {
        expect(nestsDeeperThan(value, limit)).toBe(depth(value) > limit);
      }),
      { numRuns: RUNS },
    );
  });

  test("any text as a query value is a result, never a throw", () => {
    fc.assert(
      fc.property(anyText, anyText, (seed, difficulty) => {
        expect(() => SheetQuerySchema.safeParse({ seed, difficulty })).not.toThrow();
      }),
      { numRuns: RUNS },
    );
  });
});
