/** Small fixtures for the course tests: accounts, and forms as the pages post them. */
import { randomBytes } from "node:crypto";
import type { Role } from "@/lib/auth/roles";
import { getDb } from "@/lib/server/db";
import type { Actor } from "@/lib/server/auth/actor";

export interface TestAccount {
  readonly id: string;
  readonly email: string;
  readonly actor: Actor;
}

/** A unique email, so tests sharing one database never collide. */
export function uniqueEmail(label: string): string {
  return `${label}-${randomBytes(4).toString("hex")}@example.com`;
}

/** A stored account with `role`, and the actor it signs in as. */
export async function account(label: string, role: Role = "learner"): Promise<TestAccount> {
  const email = uniqueEmail(label);
  const user = await getDb().user.create({ data: { email, role } });
  return { id: user.id, email, actor: { kind: "user", userId: user.id, email, name: null, siteRole: role } };
}

/** A FormData with these fields (undefined ones left out, as a form without that input). */
export function form(fields: Record<string, string | Blob | undefined>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) data.append(key, value);
  return data;
}
