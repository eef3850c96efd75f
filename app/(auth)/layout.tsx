import type { ReactNode } from "react";

/** Sign-in and sign-up: one narrow column, nothing to distract. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return <div className="auth-panel">{children}</div>;
}
