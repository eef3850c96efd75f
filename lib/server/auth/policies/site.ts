/**
 * Site-wide rights, from the account's site role alone: an admin manages accounts and roles; an
 * instructor (or admin) may create courses. Everything inside a course is decided per course
 * (policies/course.ts), never by the site role.
 */
import type { Role } from "@/lib/auth/roles";

export const SITE_ACTIONS = ["site.manage-users", "course.create"] as const;
export type SiteAction = (typeof SITE_ACTIONS)[number];

const ALLOWED: Readonly<Record<SiteAction, readonly Role[]>> = {
  "site.manage-users": ["admin"],
  "course.create": ["instructor", "admin"],
};

/** Whether a signed-in account with `role` may do `action`. */
export function siteAllows(role: Role, action: SiteAction): boolean {
  return ALLOWED[action].includes(role);
}
