/**
 * The staff area (/teach, /admin): a second line of navigation under the site header. Each page
 * authorizes on its own (lib/server/courses/page-access.ts); this layout only shows the links the
 * signed-in account may use.
 */
import type { ReactNode } from "react";
import { NavLink } from "@/components/nav-link";
import { getActor } from "@/lib/server/auth/actor";
import { siteAllows } from "@/lib/server/auth/policies/site";
import styles from "./teach.module.css";

export default async function TeachLayout({ children }: { children: ReactNode }) {
  const actor = await getActor();
  const admin = actor.kind === "user" && siteAllows(actor.siteRole, "site.manage-users");
  return (
    <>
      {actor.kind === "user" && (
        <nav className={styles.areaNav} aria-label="Staff area">
          <ul>
            <li>
              <NavLink href="/teach">Courses I teach</NavLink>
            </li>
            {admin && (
              <li>
                <NavLink href="/admin/users">Accounts</NavLink>
              </li>
            )}
          </ul>
        </nav>
      )}
      {children}
    </>
  );
}
