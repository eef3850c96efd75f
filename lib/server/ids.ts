/**
 * Row ids made before the insert, for writes that need a new row's id in the same batch (no
 * interactive transaction): the same alphabet and length class as Prisma's cuid defaults.
 */
import "server-only";
import { randomBytes } from "node:crypto";

export function newAttemptId(): string {
  return `g${randomBytes(12).toString("base64url").toLowerCase().replace(/[^a-z0-9]/g, "0")}`;
}
