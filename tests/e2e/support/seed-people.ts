/**
 * People and a course for the seed scripts (seed-*.ts): accounts with one known password (the
 * script prints it with its ids, for the spec to sign in), and a course an instructor created.
 */
import { randomBytes } from "node:crypto";
import type { AssessmentDefinition } from "@/lib/assessment/schema";
import type { Db } from "@/lib/server/db";
import { createUserWithPassword } from "@/lib/server/users";

export const SEED_PASSWORD = "a long enough password for e2e";
export const MINUTE = 60_000;

/** An account with a unique email made from the label. */
export async function seedUser(label: string, name: string): Promise<{ id: string; email: string; name: string }> {
  const email = `${label}-${randomBytes(3).toString("hex")}@e2e.test`;
  const created = await createUserWithPassword({ email, password: SEED_PASSWORD, name });
  if (!created.ok) throw new Error(`could not create ${email}: ${created.reason}`);
  return { id: created.user.id, email, name };
}

/** A course the instructor created, with a random join code. */
export function seedCourse(db: Db, title: string, code: string, instructorId: string) {
  return db.course.create({ data: { title, code, joinCode: randomBytes(6).toString("hex"), createdById: instructorId } });
}

/** An assessment of the course from its definition (a draft until the script publishes it). */
export function seedAssessment(db: Db, courseId: string, definition: AssessmentDefinition) {
  return db.assessment.create({
    data: { courseId, slug: definition.id, title: definition.title, kind: definition.kind, definition: definition as object, secret: randomBytes(24).toString("base64url") },
  });
}
