/**
 * A course with an instructor, an assistant and students, written straight to the test database
 * (no password hashing: these users never sign in), and definitions that validate against the
 * catalogue in content/scenarios.
 */
import { randomBytes } from "node:crypto";
import type { AssessmentDefinition } from "@/lib/assessment";
import { getDb } from "@/lib/server/db";
import { userActor } from "./mock-actor";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(++counter).toString(36)}${randomBytes(2).toString("hex")}`;

export async function newUser(role = "learner", name: string | null = null) {
  const id = unique();
  return getDb().user.create({ data: { email: `u${id}@example.com`, role, name } });
}

export interface CourseFixture {
  readonly courseId: string;
  readonly instructor: ReturnType<typeof userActor>;
  readonly assistant: ReturnType<typeof userActor>;
  readonly students: readonly { id: string; email: string }[];
}

/** A course with one instructor, one assistant and `studentCount` students (the first with `firstFactor`). */
export async function newCourse(studentCount = 2, firstFactor = 1): Promise<CourseFixture> {
  const instructor = await newUser("instructor");
  const assistant = await newUser();
  const students = [];
  for (let i = 0; i < studentCount; i++) students.push(await newUser("learner", `Student ${i + 1}`));
  const course = await getDb().course.create({ data: { title: "Networks 101", code: "NET-101", joinCode: unique(), createdById: instructor.id } });
  await getDb().courseMember.createMany({
    data: [
      { courseId: course.id, userId: instructor.id, role: "instructor" },
      { courseId: course.id, userId: assistant.id, role: "assistant" },
      ...students.map((s, i) => ({ courseId: course.id, userId: s.id, role: "student", timeFactor: i === 0 ? firstFactor : 1 })),
    ],
  });
  return { courseId: course.id, instructor: userActor(instructor), assistant: userActor(assistant), students };
}

/** An exam of two zones over catalogue scenarios. */
export function examDefinition(id = "midterm"): AssessmentDefinition {
  return {
    id,
    title: "Midterm",
    kind: "exam",
    variants: "per-student",
    zones: [
      { title: "Part 1: NAT", choose: 1, alternatives: [
        { scenario: "aws-private-subnet-nat", difficulty: "beginner", points: 10 },
        { scenario: "two-offices-same-subnet", difficulty: "beginner", points: 10 },
      ] },
      { title: "Part 2: the web", choose: 1, alternatives: [{ scenario: "browser-to-google", difficulty: "intermediate", points: 20 }] },
    ],
    access: { release: "2027-01-15T09:00:00Z", close: "2027-01-15T11:00:00Z", timeLimitMinutes: 60, attempts: 1 },
    scoring: { counts: "best", creditPerTry: [100] },
    feedback: { score: "after-close", correctness: "after-close", expected: "after-close", misconceptions: "after-close", journey: "after-close" },
  };
}

/** A request with a JSON body, as route handlers receive it. */
export function jsonRequest(method: string, url: string, body?: unknown): Request {
  return new Request(`http://localhost${url}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });
