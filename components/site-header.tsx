/**
 * The header on every page: brand, main navigation and the account menu. Add a section of the site
 * by adding it to NAV_ITEMS; role-specific items (e.g. an instructor's "Teach") set `roles`.
 */
import Link from "next/link";
import type { Role } from "@/lib/auth/roles";
import { getCurrentUser } from "@/lib/server/auth";
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
}

const NAV_ITEMS: readonly NavItem[] = [
  { href: "/scenarios", label: "Scenarios" },
  { href: "/drills", label: "Drills" },
  { href: "/interviews", label: "Interviews" },
  { href: "/me", label: "Progress", signedIn: true },
];

export async function SiteHeader() {
  const user = await getCurrentUser();
  const items = NAV_ITEMS.filter(
    (item) => (!item.roles || (user && item.roles.includes(user.role))) && (!item.signedIn || user !== null),
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
