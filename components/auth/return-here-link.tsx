"use client";

/**
 * "Sign in" / "Sign up" links that bring the visitor back to the page they are on (a guest in the
 * middle of a practice returns to it, with their attempts, after creating an account).
 */
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

const NO_RETURN = new Set(["/", "/sign-in", "/sign-up"]);

export function ReturnHereLink({ to, className, children }: { to: "/sign-in" | "/sign-up"; className?: string; children: ReactNode }) {
  const path = usePathname();
  const href = path && !NO_RETURN.has(path) ? `${to}?callbackUrl=${encodeURIComponent(path)}` : to;
  return (
    <Link href={href} className={className}>
      {children}
    </Link>
  );
}
