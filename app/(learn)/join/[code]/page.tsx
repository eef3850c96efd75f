/**
 * A course's join link. Signed in: one button to join as a student. Not signed in: sign in or
 * create an account, and come back here to join.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { StatusForm } from "@/components/courses/status-form";
import { getActor } from "@/lib/server/auth/actor";
import { courseMembership } from "@/lib/server/auth/policy";
import { findJoinableCourse, JOIN_REFUSAL_MESSAGES } from "@/lib/server/courses/join";
import { normaliseJoinCode } from "@/lib/server/courses/join-code";
import { joinCourseAction } from "../actions";

export const metadata: Metadata = { title: "Join a course" };

type Params = Promise<{ code: string }>;

export default async function JoinPage({ params }: { params: Params }) {
  const { code: raw } = await params;
  const code = normaliseJoinCode(decodeURIComponent(raw)) ?? raw;
  const [actor, found] = await Promise.all([getActor(), findJoinableCourse(decodeURIComponent(raw))]);
  if (!found.ok) {
    return (
      <>
        <h1>Join a course</h1>
        <p className="form-error" role="alert" data-testid="join-refused">
          {JOIN_REFUSAL_MESSAGES[found.reason]}
        </p>
        <p>
          <Link href="/courses">Enter another code</Link>
        </p>
      </>
    );
  }
  const { course } = found;
  const here = `/join/${code}`;
  const membership = actor.kind === "user" ? await courseMembership(actor, course.id) : null;
  return (
    <>
      <p className="lead">{course.code}</p>
      <h1>Join {course.title}</h1>
      {actor.kind !== "user" ? (
        <>
          <p>Sign in, or create an account, to join this course. You will come back here.</p>
          <p>
            <Link className="button" href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`}>Sign in</Link>{" "}
            <Link className="button secondary" href={`/sign-up?callbackUrl=${encodeURIComponent(here)}`}>Create an account</Link>
          </p>
        </>
      ) : membership ? (
        <p data-testid="already-member">
          You are already in this course as {membership.role}.{" "}
          <Link href={membership.role === "student" ? `/courses/${course.id}` : `/teach/courses/${course.id}`}>Open it</Link>
        </p>
      ) : (
        <StatusForm action={joinCourseAction} submitLabel="Join as a student" testId="join-form">
          <input type="hidden" name="code" value={code} />
          <p>
            Signed in as <strong>{actor.email}</strong>. Your instructors will see your name, email and your work in this course.
          </p>
        </StatusForm>
      )}
    </>
  );
}
