"use client";

/** A navigation link that marks itself as the current page for screen readers and styling. */
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** `exact`: only the page itself is current, not the pages under it (a course's overview tab). */
export function NavLink({ href, children, exact }: { href: string; children: ReactNode; exact?: boolean }) {
  const pathname = usePathname();
  const current = pathname === href || (!exact && pathname.startsWith(`${href}/`));
  return (
    <Link href={href} aria-current={current ? "page" : undefined}>
      {children}
    </Link>
  );
}
