/**
 * GET /api/v1/drills/explain: any typed address gets the drills' worked explanation; bad input
 * gets a 422 with a message a learner can act on, never a 500.
 */
import { expect, test, vi } from "vitest";
import { GET as explain } from "@/app/api/v1/drills/explain/route";
import type { AddressExplanation } from "@/lib/drills/explain-address";
import { call, json } from "./support/api-client";

// No request and no exam here: the lock has its own tests (tests/server/assessments/exam-lock.test.ts).
vi.mock("@/lib/server/assessments/exam-lock", () => import("./support/no-exam-lock"));

const get = (address?: string) => call(explain, "GET", "/api/v1/drills/explain", address === undefined ? {} : { query: { address } });

test.each([
  ["a prefix", "10.37.200.9/22", "10.37.200.0", "10.37.203.255", "1,022"],
  ["a netmask", "10.37.200.9 255.255.252.0", "10.37.200.0", "10.37.203.255", "1,022"],
  ["a /31", "192.0.2.7/31", "192.0.2.6", "none", "2"],
  ["a /32", "8.8.8.8/32", "8.8.8.8", "none", "1"],
])("200 for %s: %s", async (_label, address, network, broadcast, usable) => {
  const response = await get(address);
  expect(response.status).toBe(200);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const { explanation } = await json<{ explanation: AddressExplanation }>(response);
  const value = (id: string) => explanation.facts.find((f) => f.id === id)?.value;
  expect([value("network"), value("broadcast"), value("usable-hosts")]).toEqual([network, broadcast, usable]);
  for (const fact of explanation.facts) expect(fact.explanation.length).toBeGreaterThan(10);
});

test.each([
  ["missing", undefined, "Give an address"],
  ["empty", "", "Type an address"],
  ["no prefix", "10.0.0.1", "Add a prefix length"],
  ["octet over 255", "10.0.0.300/24", "over 255"],
  ["prefix over 32", "10.0.0.1/40", "over 32"],
  ["mask with a gap", "10.0.0.1 255.0.255.0", "not a netmask"],
  ["huge", "9".repeat(5000), "too long"],
])("422 for %s input, naming the problem", async (_label, address, phrase) => {
  const response = await get(address);
  expect(response.status).toBe(422);
  const body = await json<{ error: { code: string; message: string; fields: { address: string[] } } }>(response);
  expect(body.error.code).toBe("invalid_input");
  expect(body.error.message).toContain(phrase);
  expect(body.error.fields.address[0]).toBe(body.error.message);
});
