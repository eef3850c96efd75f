/**
 * Property tests through the /api/v1 route handlers, called in-process as Next.js calls them: random
 * and hostile bodies, ids and query strings never produce a 500 or a throw, and every error has the
 * API's error shape. Inputs that happen to be valid reach the database (a fresh SQLite one).
 */
import fc from "fast-check";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { GET as getAttempt } from "@/app/api/v1/attempts/[id]/route";
import { POST as postAnswers, PUT as putAnswers } from "@/app/api/v1/attempts/[id]/answers/route";
import { POST as submitAttempt } from "@/app/api/v1/attempts/[id]/submit/route";
import { GET as getTrace } from "@/app/api/v1/attempts/[id]/trace/route";
import { POST as startAttempt } from "@/app/api/v1/attempts/route";
import { POST as signUp } from "@/app/api/v1/auth/sign-up/route";
import { POST as gradeDrill } from "@/app/api/v1/drills/grade/route";
import { GET as nextDrill } from "@/app/api/v1/drills/next/route";
import { POST as grade } from "@/app/api/v1/grade/route";
import { GET as getScenario } from "@/app/api/v1/scenarios/[id]/route";
import { GET as getSheet } from "@/app/api/v1/scenarios/[id]/sheet/route";
import { POST as simulate } from "@/app/api/v1/simulate/route";
import { setDbForTests } from "@/lib/server/db";
import { resetEnvForTests } from "@/lib/server/env";
import { BASE, call, json } from "./support/api-client";
import { actAs, newGuest } from "./support/mock-owner";
import { createSqliteTestDatabase, type TestDatabase } from "./support/test-database";
import { anyText, deeplyNestedJson, hostileBodyText, hostileJson, hostileShapeOf } from "./hostile-input-arbitraries";

vi.mock("@/lib/server/request-owner", () => import("./support/mock-owner"));

const RUNS = 60;
type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

let database: TestDatabase | undefined;
let attemptId = "";

beforeAll(async () => {
  vi.stubEnv("NEXTAUTH_SECRET", "hostile-input-test-secret-0123456789abcdef");
  resetEnvForTests();
  database = await createSqliteTestDatabase();
  setDbForTests(database.db);
  actAs(newGuest());
  const started = await call(startAttempt, "POST", "/api/v1/attempts", { body: { scenarioId: "browser-to-google", difficulty: "beginner" } });
  expect(started.status).toBe(201);
  attemptId = (await json(started)).id;
});

afterAll(async () => {
  setDbForTests(undefined);
  await database?.drop();
});

/** A response a client can rely on: no 5xx, and an error has { error: { code, message } }. */
async function expectWellFormed(response: Response): Promise<void> {
  expect(response.status).toBeLessThan(500);
  if (response.status >= 400) {
    const body = await json(response);
    expect(typeof body.error.code).toBe("string");
    expect(typeof body.error.message).toBe("string");
  }
}

function post(handler: unknown, url: string, text: string, params: Record<string, string> = {}, method = "POST"): Promise<Response> {
  const request = new NextRequest(new URL(url, BASE), { method, headers: { "content-type": "application/json" }, body: text });
  return (handler as Handler)(request, { params: Promise.resolve(params) });
}

const BODY_ROUTES = [
  { label: "POST /simulate", handler: simulate, url: "/api/v1/simulate", fields: ["scenarioId", "scenario", "seed"] },
  { label: "POST /grade", handler: grade, url: "/api/v1/grade", fields: ["scenarioId", "seed", "difficulty", "answers"] },
  { label: "POST /attempts", handler: startAttempt, url: "/api/v1/attempts", fields: ["scenarioId", "difficulty", "seed"] },
  { label: "POST /drills/grade", handler: gradeDrill, url: "/api/v1/drills/grade", fields: ["seed", "kind", "answers"] },
  { label: "POST /auth/sign-up", handler: signUp, url: "/api/v1/auth/sign-up", fields: ["email", "password", "name"] },
  { label: "PUT /attempts/:id/answers", handler: putAnswers, url: "/api/v1/attempts/x/answers", fields: ["answers"], method: "PUT", attempt: true },
  { label: "POST /attempts/:id/answers", handler: postAnswers, url: "/api/v1/attempts/x/answers", fields: ["answers"], attempt: true },
];

describe.each(BODY_ROUTES)("$label", ({ handler, url, fields, method, attempt }) => {
  const params = (): Record<string, string> => (attempt ? { id: attemptId } : {});

  test("random body text: never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(hostileBodyText, async (text) => expectWellFormed(await post(handler, url, text, params(), method))),
      { numRuns: RUNS },
    );
  });

  test("objects of the route's shape with hostile fields: never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileShapeOf(fields), hostileJson), async (body) => {
        await expectWellFormed(await post(handler, url, JSON.stringify(body) ?? "null", params(), method));
      }),
      { numRuns: RUNS },
    );
  });

  test.each([
    { label: "an object 5,000 levels deep", text: deeplyNestedJson(5_000, "object") },
    { label: "every field 3,000 levels deep", text: `{${fields.map((f) => `"${f}":${deeplyNestedJson(3_000, "array")}`).join(",")}}` },
  ])("$label: 422", async ({ text }) => {
    const response = await post(handler, url, text, params(), method);
    expect(response.status).toBe(422);
    expect((await json(response)).error.code).toBe("too_deeply_nested");
  });
});

test("POST /simulate with a 5,000-level scenario object or YAML text: 422, not 500", async () => {
  for (const scenario of [JSON.parse(deeplyNestedJson(60, "object")), deeplyNestedJson(5_000, "array"), `${"- ".repeat(20_000)}x`]) {
    const response = await call(simulate, "POST", "/api/v1/simulate", { body: { scenario } });
    expect(response.status).toBe(422);
    expect((await json(response)).error.code).toBe("invalid_scenario");
  }
});

describe("ids and query strings", () => {
  const ID_ROUTES = [
    { label: "GET /attempts/:id", handler: getAttempt, method: "GET" },
    { label: "GET /attempts/:id/trace", handler: getTrace, method: "GET" },
    { label: "POST /attempts/:id/submit", handler: submitAttempt, method: "POST" },
    { label: "GET /scenarios/:id", handler: getScenario, method: "GET" },
    { label: "GET /scenarios/:id/sheet", handler: getSheet, method: "GET" },
  ];

  test.each(ID_ROUTES)("$label with random ids and query values: never a 500", async ({ handler, method }) => {
    await fc.assert(
      fc.asyncProperty(anyText, fc.dictionary(fc.constantFrom("seed", "difficulty", "kind", "__proto__"), anyText), async (id, query) => {
        const url = new URL("/api/v1/x", BASE);
        for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
        const request = new NextRequest(url, { method, ...(method === "POST" ? { headers: { "content-type": "application/json" }, body: "{}" } : {}) });
        await expectWellFormed(await (handler as unknown as Handler)(request, { params: Promise.resolve({ id }) }));
      }),
      { numRuns: RUNS },
    );
  });

  test("GET /drills/next with random kinds: never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (kind) => expectWellFormed(await call(nextDrill, "GET", "/api/v1/drills/next", { query: { kind } }))),
      { numRuns: RUNS },
    );
  });
});
