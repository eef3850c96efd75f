/** User accounts: creating them, finding them and checking their passwords. */
import "server-only";
import { type Role, toRole } from "@/lib/auth/roles";
import { NewPasswordSchema } from "@/lib/auth/schemas";
import { claimCourseInvites } from "./courses/invites";
import { getDb, isUniqueViolation } from "./db";
import { hashPassword, verifyPasswordHash } from "./passwords";

/** What the rest of the app may know about a user (never the password hash). */
export interface PublicUser {
  readonly id: string;
  readonly email: string;
  readonly name: string | null;
  readonly role: Role;
}

export type CreateUserResult =
  | { ok: true; user: PublicUser }
  | { ok: false; reason: "email_taken" }
  | { ok: false; reason: "invalid_password"; message: string };

export interface NewUser {
  email: string;
  password: string;
  name?: string | undefined;
  role?: Role;
}

/** Emails are compared and stored lower-case, so "Ada@Example.com" and "ada@example.com" are one account. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The public fields of a stored user row. */
export function toPublicUser(user: { id: string; email: string; name: string | null; role: string }): PublicUser {
  return { id: user.id, email: user.email, name: user.name, role: toRole(user.role) };
}

/** Create an account with a password; a taken email or a too-short password is a result, not an exception. */
export async function createUserWithPassword(input: NewUser): Promise<CreateUserResult> {
  // The sign-up route validates first; checked again here so no caller can store a weak password.
  const password = NewPasswordSchema.safeParse(input.password);
  if (!password.success) {
    return { ok: false, reason: "invalid_password", message: password.error.issues[0]?.message ?? "Invalid password" };
  }
  const db = getDb();
  const email = normaliseEmail(input.email);
  // Checked first so a taken email costs no hashing; the unique index still settles races.
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) return { ok: false, reason: "email_taken" };
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.user.create({
      data: { email, passwordHash, name: input.name ?? null, role: input.role ?? "learner" },
    });
    await claimInvitesQuietly(user.id, email);
    return { ok: true, user: toPublicUser(user) };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "email_taken" };
    throw error;
  }
}

/** The user with this email (any case), or null. */
export async function findUserByEmail(email: string): Promise<PublicUser | null> {
  const user = await getDb().user.findUnique({ where: { email: normaliseEmail(email) } });
  return user ? toPublicUser(user) : null;
}

export async function findUserById(id: string): Promise<PublicUser | null> {
  const user = await getDb().user.findUnique({ where: { id } });
  return user ? toPublicUser(user) : null;
}

// Hashed once so that an unknown email takes as long to reject as a wrong password.
let dummyHash: Promise<string> | undefined;

/**
 * The user if the email and password match and the account is not disabled, otherwise null
 * (without revealing which was wrong).
 */
export async function verifyPassword(email: string, password: string): Promise<PublicUser | null> {
  const user = await getDb().user.findUnique({ where: { email: normaliseEmail(email) } });
  if (!user?.passwordHash) {
    dummyHash ??= hashPassword("not-a-real-password");
    await verifyPasswordHash(password, await dummyHash);
    return null;
  }
  const matches = await verifyPasswordHash(password, user.passwordHash);
  return matches && user.disabledAt === null ? toPublicUser(user) : null;
}

/** The account for an OAuth sign-in, created on first sign-in (without a password); null when it is disabled. */
export async function findOrCreateOAuthUser(input: { email: string; name?: string | null }): Promise<PublicUser | null> {
  const email = normaliseEmail(input.email);
  const user = await getDb().user.upsert({
    where: { email },
    create: { email, name: input.name ?? null },
    update: {},
  });
  return user.disabledAt === null ? toPublicUser(user) : null;
}

/**
 * Course invites for this email become memberships (lib/server/courses/invites.ts). Called when an
 * account is created and at every sign-in; a failure is logged, never a reason to refuse the sign-in
 * (the next sign-in claims them).
 */
export async function claimInvitesQuietly(userId: string, email: string): Promise<void> {
  try {
    await claimCourseInvites(userId, normaliseEmail(email));
  } catch (error) {
    console.error("Claiming course invites failed", error);
  }
}
