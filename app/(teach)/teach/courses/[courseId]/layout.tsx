/**
 * Every staff page of one course: its title and tabs. Staff only (course.view-work): outsiders get
 * the 404 page, the course's students the 403 page. Each page below checks again for its own action.
 */
import type { ReactNode } from "react";
import { NavLink } from "@/components/nav-link";
import { getCourseTitle } from "@/lib/server/courses/courses";
import { requireCourseAccess } from "@/lib/server/courses/page-access";
import styles from "../../../teach.module.css";

type Params = Promise<{ courseId: string }>;

export default async function CourseLayout({ children, params }: { children: ReactNode; params: Params }) {
  const { courseId } = await params;
  const base = `/teach/courses/${courseId}`;
  await requireCourseAccess(courseId, "course.view-work", base);
  const course = await getCourseTitle(courseId);
  const tabs = [
    { href: base, label: "Overview", exact: true },
    { href: `${base}/roster`, label: "Roster" },
    { href: `${base}/gradebook`, label: "Gradebook" },
    { href: `${base}/audit`, label: "Audit trail" },
  ];
  return (
    <>
      <p className={styles.eyebrow}>{course?.code}</p>
      <h1>{course?.title}</h1>
      <nav className={styles.tabs} aria-label="Course">
        <ul>
          {tabs.map((tab) => (
            <li key={tab.href}>
              <NavLink href={tab.href} exact={tab.exact}>
                {tab.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </>
  );
}
