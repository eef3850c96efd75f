import type { Metadata } from "next";
import Link from "next/link";
import { StatusForm } from "@/components/courses/status-form";
import { getActor } from "@/lib/server/auth/actor";
import { refusePage } from "@/lib/server/auth/http";
import { authorizeSite } from "@/lib/server/auth/policy";
import { listTaughtCourses } from "@/lib/server/courses/courses";
import styles from "../teach.module.css";
import { createCourseAction } from "./actions";

export const metadata: Metadata = { title: "Courses I teach" };

export default async function TeachPage() {
  const actor = await getActor();
  if (actor.kind !== "user") refusePage("sign_in_required", "/teach");
  const courses = await listTaughtCourses(actor.userId);
  const mayCreate = authorizeSite(actor, "course.create").ok;
  return (
    <>
      <h1>Courses I teach</h1>
      {courses.length === 0 ? (
        <p className="lead">
          {mayCreate ? "You teach no course yet: create one below." : "You teach or assist in no course. An instructor can add you as an assistant; an admin can make you an instructor."}
        </p>
      ) : (
        <ul className="card-grid" data-testid="taught-courses">
          {courses.map((course) => (
            <li key={course.id}>
              <Link className="card" href={`/teach/courses/${course.id}`}>
                <p className={styles.eyebrow}>{course.code}</p>
                <h2>{course.title}</h2>
                <span className={styles.muted}>You are {course.role === "instructor" ? "an instructor" : "an assistant"}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {mayCreate && (
        <section className={styles.panel} aria-labelledby="create-course">
          <h2 id="create-course">Create a course</h2>
          <StatusForm action={createCourseAction} submitLabel="Create course" testId="create-course-form">
            <div className="field">
              <label htmlFor="course-title">Title</label>
              <input id="course-title" name="title" type="text" required maxLength={120} placeholder="Computer Networks, spring 2027" />
            </div>
            <div className="field">
              <label htmlFor="course-code">Short code</label>
              <span className="hint" id="course-code-hint">What students call it, e.g. NET-101.</span>
              <input id="course-code" name="code" type="text" required maxLength={32} aria-describedby="course-code-hint" />
            </div>
          </StatusForm>
        </section>
      )}
    </>
  );
}
