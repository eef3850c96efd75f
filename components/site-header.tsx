/**
 * The header on every page: brand, main navigation and the account menu. Add a section of the site
 * by adding it to NAV_ITEMS; role-specific items (e.g. an instructor's "Teach") set `roles`.
 */
import Link from "next/link";
import type { Role } from "@/lib/auth/roles";
import { getCurrentUser } from "@/lib/server/auth";
import { hasStaffMembership } from "@/lib/server/courses/courses";
import { ReturnHereLink } from "./auth/return-here-link";
import { SignOutButton } from "./auth/sign-out-button";
import { NavLink } from "./nav-link";

interface NavItem {
  href: string;
  label: string;
  /** Only shown to signed-in users with one of these roles; everyone sees it when absent. */
  roles?: readonly Role[];
  /** Only shown to signed-in users (any role). */
  signedIn?: boolean;
  /** Only shown to course staff: the instructor or admin role, or an instructor/assistant membership. */
  staff?: boolean;
}

const NAV_ITEMS: readonly NavItem[] = [
  { href: "/scenarios", label: "Scenarios" },
  { href: "/drills", label: "Drills" },
  { href: "/me", label: "Progress", signedIn: true },
  { href: "/courses", label: "Courses", signedIn: true },
  { href: "/teach", label: "Teach", staff: true },
  { href: "/admin/users", label: "Admin", roles: ["admin"] },
];

const STAFF_ROLES: readonly Role[] = ["instructor", "admin"];

export async function SiteHeader() {
  const user = await getCurrentUser();
  // One indexed read, only for signed-in learners (an assistant has the learner site role).
  const staff = user !== null && (STAFF_ROLES.includes(user.role) || (await hasStaffMembership(user.id)));
  const items = NAV_ITEMS.filter(
    (item) => (!item.roles || (user && item.roles.includes(user.role))) && (!item.signedIn || user !== null) && (!item.staff || staff),
  );
  return (
    <header className="site-header">
      <div className="container">
        <Link href="/" className="brand">
          Hopwise
        </Link>
        <nav className="site-nav" aria-label="Main">
          <ul>
            {items.map((item) => (
              <li key={item.href}>
                <NavLink href={item.href}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {user ? (
          <div className="account-menu" data-testid="account-menu">
            <span className="who">
              Signed in as <strong>{user.name ?? user.email}</strong>
            </span>
            <SignOutButton />
          </div>
        ) : (
          <ul className="account-menu" data-testid="account-menu">
            <li>
              <ReturnHereLink to="/sign-in">Sign in</ReturnHereLink>
            </li>
            <li>
              <ReturnHereLink to="/sign-up" className="button secondary">
                Sign up
              </ReturnHereLink>
            </li>
          </ul>
        )}
      </div>
    </header>
  );
}
