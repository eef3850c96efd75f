/**
 * Invites become memberships: an email added to a roster before it had an account joins those
 * courses the moment an account with that email is created or signs in (password or OAuth).
 */
import "server-only";
import { getDb, isUniqueViolation } from "../db";
import { recordAudit } from "./audit";

/** Turn every invite for `email` into a membership of `userId`; returns the course ids joined. */
export async function claimCourseInvites(userId: string, email: string): Promise<string[]> {
  const db = getDb();
  const invites = await db.courseInvite.findMany({ where: { email }, select: { courseId: true, role: true } });
  const joined: string[] = [];
  for (const invite of invites) {
    try {
      await db.$transaction(async (tx) => {
        const { count } = await tx.courseInvite.deleteMany({ where: { courseId: invite.courseId, email } });
        // Another sign-in of the same account claimed it first.
        if (count === 0) return;
        const member = await tx.courseMember.findUnique({ where: { courseId_userId: { courseId: invite.courseId, userId } }, select: { role: true } });
        if (!member) {
          await tx.courseMember.create({ data: { courseId: invite.courseId, userId, role: invite.role } });
          await recordAudit({ courseId: invite.courseId, actorId: userId, action: "invite.claim", detail: `${email} signed in and joined as ${invite.role}` }, tx);
          joined.push(invite.courseId);
        }
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return joined;
}
