/**
 * The attempt a request names, if the request's owner owns it. Anyone else, a visitor without an
 * identity included, gets the same 404 as for an id that does not exist.
 */
import "server-only";
import type { NextResponse } from "next/server";
import { type ApiError, notFound } from "./api";
import { isAttemptId } from "./api-schemas";
import { type AttemptRecord, getAttemptForOwner } from "./attempts";
import { getRequestOwner } from "./request-owner";
import type { Owner } from "./owner";

export type OwnedAttempt = { ok: true; owner: Owner; attempt: AttemptRecord } | { ok: false; response: NextResponse<ApiError> };

export async function ownedAttempt(attemptId: string): Promise<OwnedAttempt> {
  if (!isAttemptId(attemptId)) return { ok: false, response: notFound("attempt") };
  const owner = await getRequestOwner();
  if (!owner) return { ok: false, response: notFound("attempt") };
  const attempt = await getAttemptForOwner(attemptId, owner);
  if (!attempt) return { ok: false, response: notFound("attempt") };
  return { ok: true, owner, attempt };
}

/** Per-learner data: never stored by a shared cache. */
export const PRIVATE = { "cache-control": "private, no-store" } as const;
