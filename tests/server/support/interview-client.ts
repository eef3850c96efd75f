/**
 * Calling the interview routes as one person or another, for server tests of interviews. The test
 * file mocks the owner and the actor:
 *   vi.mock("@/lib/server/request-owner", () => import("./support/mock-owner"));
 *   vi.mock("@/lib/server/auth/actor", () => import("./support/mock-actor"));
 */
import { expect } from "vitest";
import { POST as startRoute } from "@/app/api/v1/interviews/route";
import { POST as joinRoute } from "@/app/api/v1/interviews/join/route";
import { GET as viewRoute } from "@/app/api/v1/interviews/[id]/route";
import { POST as commandRoute } from "@/app/api/v1/interviews/[id]/commands/route";
import { createUserWithPassword } from "@/lib/server/users";
import type { Owner } from "@/lib/server/owner";
import { call, json } from "./api-client";
import { actAs as actAsOwner, newGuest } from "./mock-owner";
import { actAs as actAsActor } from "./mock-actor";

/* eslint-disable @typescript-eslint/no-explicit-any */

export const SCENARIO = "browser-to-google";

/** The request comes from this owner: the policy's actor and the repositories' owner agree. */
export function actAs(owner: Owner | null): void {
  actAsOwner(owner);
  actAsActor(!owner ? { kind: "anonymous" } : "userId" in owner ? { kind: "user", userId: owner.userId, email: "x@example.com", name: null, siteRole: "learner" } : { kind: "guest", guestId: owner.guestId });
}

let counter = 0;
export async function newUser(): Promise<Owner> {
  const created = await createUserWithPassword({ email: `interview-x${++counter}-${Date.now()}@example.com`, password: "a long enough password" });
  if (!created.ok) throw new Error("could not create a test user");
  return { userId: created.user.id };
}

export const p = (id: string) => ({ params: { id } });

export async function as<T = any>(owner: Owner | null, fn: () => Promise<Response>): Promise<{ status: number; body: T }> {
  actAs(owner);
  const r = await fn();
  return { status: r.status, body: (await json(r)) as T };
}

export const command = (owner: Owner, id: string, body: unknown) => as(owner, () => call(commandRoute, "POST", `/api/v1/interviews/${id}/commands`, { ...p(id), body }));
export const view = (owner: Owner | null, id: string) => as(owner, () => call(viewRoute, "GET", `/api/v1/interviews/${id}`, p(id)));

export async function startSession(owner: Owner, mode: "solo" | "live"): Promise<{ id: string; joinCode: string }> {
  const started = await as(owner, () => call(startRoute, "POST", "/api/v1/interviews", { body: { scenarioId: SCENARIO, mode } }));
  expect(started.status).toBe(201);
  return { id: started.body.id, joinCode: started.body.joinCode };
}

/** A live session with a guest candidate joined by code and the first stage running. */
export async function liveSession(interviewer?: Owner) {
  const who = interviewer ?? (await newUser());
  const { id, joinCode } = await startSession(who, "live");
  const candidate = newGuest();
  expect((await as(candidate, () => call(joinRoute, "POST", "/api/v1/interviews/join", { body: { code: joinCode } }))).status).toBe(200);
  const first = (await view(who, id)).body.view.stages[0];
  expect((await command(who, id, { type: "stage-started", stageId: first.id })).status).toBe(200);
  return { interviewer: who, candidate, id, stageId: first.id as string };
}
