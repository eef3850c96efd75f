/**
 * Seeds a course straight into the e2e server's SQLite database: the instructor role for an
 * account and a course with its members. For specs that need a course before the course pages
 * exist in the same build (they are built in parallel); accounts are made through sign-up first.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";

function open(): Database.Database {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error("E2E_DATA_DIR is not set: run through `npx playwright test`");
  return new Database(path.join(dir, "e2e.db"), { fileMustExist: true });
}

const newId = () => `c${randomBytes(12).toString("hex")}`;

/** A course taught by `instructor` with `students` (emails of existing accounts, with course time factors by email); returns its id. */
export function seedCourse(instructor: string, students: readonly string[], timeFactors: Readonly<Record<string, number>> = {}, title = "Networks 101"): string {
  const db = open();
  try {
    const userId = (email: string) => {
      const row = db.prepare('SELECT "id", "createdAt" FROM "User" WHERE "email" = ?').get(email.toLowerCase()) as { id: string; createdAt: unknown } | undefined;
      if (!row) throw new Error(`no account for ${email}: sign it up first`);
      return row;
    };
    const teacher = userId(instructor);
    db.prepare('UPDATE "User" SET "role" = \'instructor\' WHERE "id" = ?').run(teacher.id);
    const courseId = newId();
    // Written in the same format Prisma wrote the user's timestamp in.
    db.prepare('INSERT INTO "Course" ("id", "title", "code", "joinCode", "createdById", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(courseId, title, "NET-101", randomBytes(6).toString("hex"), teacher.id, teacher.createdAt, teacher.createdAt);
    const member = db.prepare('INSERT INTO "CourseMember" ("courseId", "userId", "role", "timeFactor", "joinedAt") VALUES (?, ?, ?, ?, ?)');
    member.run(courseId, teacher.id, "instructor", 1, teacher.createdAt);
    for (const email of students) member.run(courseId, userId(email).id, "student", timeFactors[email] ?? 1, teacher.createdAt);
    return courseId;
  } finally {
    db.close();
  }
}
