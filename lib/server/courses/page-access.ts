/**
 * The first line of every course page: who is asking, may they do `action` here, or else the
 * sign-in page, the 404 page (outsiders) or the 403 page (members whose role does not allow it).
 */
import "server-only";
import { type Actor, getActor } from "../auth/actor";
import { refusePage } from "../auth/http";
import { authorizeCourse, authorizeSite, type CourseGrant } from "../auth/policy";
import type { CourseAction } from "../auth/policies/course";
import type { SiteAction } from "../auth/policies/site";
import { CourseIdSchema } from "./schemas";

/** The actor and their grant in `courseId`, or the page is refused. */
export async function requireCourseAccess(courseId: string, action: CourseAction, path: string): Promise<{ actor: Actor; grant: CourseGrant }> {
  const actor = await getActor();
  if (!CourseIdSchema.safeParse(courseId).success) refusePage(actor.kind === "user" ? "not_found" : "sign_in_required", path);
  const decision = await authorizeCourse(actor, action, courseId);
  if (!decision.ok) refusePage(decision.reason, path);
  return { actor, grant: decision.grant };
}

/** The signed-in user allowed the site action, or the page is refused. */
export async function requireSiteAccess(action: SiteAction, path: string): Promise<{ actor: Actor; userId: string }> {
  const actor = await getActor();
  const decision = authorizeSite(actor, action);
  if (!decision.ok) refusePage(decision.reason, path);
  return { actor, userId: decision.userId };
}
