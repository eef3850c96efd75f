/**
 * Who owns a piece of practice: a signed-in user, or a guest identified by the signed `hw_guest`
 * cookie. Repositories take an Owner and only ever touch rows that belong to it.
 */
import "server-only";

export type Owner = { readonly userId: string } | { readonly guestId: string };

/**
 * The Prisma filter for rows of this owner. A guest's rows are those not yet claimed by a user:
 * once claimed at sign-up they belong to the account only.
 */
export function ownedBy(owner: Owner): { userId: string } | { guestId: string; userId: null } {
  return "userId" in owner ? { userId: owner.userId } : { guestId: owner.guestId, userId: null };
}

/** The owner columns to write on a new row. */
export function ownerColumns(owner: Owner): { userId: string | null; guestId: string | null } {
  return "userId" in owner ? { userId: owner.userId, guestId: null } : { userId: null, guestId: owner.guestId };
}
