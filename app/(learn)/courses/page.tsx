/** A signed-in person's courses (students open them here; staff go to /teach) and joining by code. */
import type { Metadata } from "next";
import Link from "next/link";
import { StatusForm } from "@/components/courses/status-form";
import { getActor } from "@/lib/server/auth/actor";
import { refusePage } from "@/lib/server/auth/http";
import { isStaff } from "@/lib/server/auth/policies/course";
import { listMyCourses } from "@/lib/server/courses/courses";
import { joinCourseAction } from "../join/actions";
import ui from "../learn.module.css";

export const metadata: Metadata = { title: "My courses" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function MyCoursesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await getActor();
  if (actor.kind !== "user") refusePage("sign_in_required", "/courses");
  const joinedId = (await searchParams).joined;
  const courses = await listMyCourses(actor.userId);
  const joined = courses.find((course) => course.id === joinedId);
  return (
    <>
      <h1>My courses</h1>
      {joined && (
        <p className={ui.notice} role="status" data-testid="joined-notice">
          You joined {joined.title}.
        </p>
      )}
      {courses.length === 0 ? (
        <p className="lead">You are in no course yet. Your instructor gives you a join code or link, or adds you by email.</p>
      ) : (
        <ul className="card-grid" data-testid="my-courses">
          {courses.map((course) => (
            <li key={course.id}>
              <Link className="card" href={isStaff(course.role) ? `/teach/courses/${course.id}` : `/courses/${course.id}`}>
                <p className={ui.eyebrow}>{course.code}</p>
                <h2>{course.title}</h2>
                {isStaff(course.role) && <span>You are {course.role === "instructor" ? "an instructor" : "an assistant"}</span>}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="join-heading">
        <h2 id="join-heading">Join a course</h2>
        <StatusForm action={joinCourseAction} submitLabel="Join" testId="join-by-code">
          <div className="field">
            <label htmlFor="join-code">Join code</label>
            <span className="hint" id="join-code-hint">Eight letters and digits, like ABCD-EFGH.</span>
            <input id="join-code" name="code" type="text" required maxLength={40} autoComplete="off" autoCapitalize="characters" aria-describedby="join-code-hint" />
          </div>
        </StatusForm>
      </section>
    </>
  );
}
