/** Who may do what. Stored as a plain string column (User.role), checked against this closed list. */
export const ROLES = ["learner", "instructor", "admin"] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** A stored role, or "learner" for anything unrecognised (never grant more than was meant). */
export function toRole(value: unknown): Role {
  return isRole(value) ? value : "learner";
}
