"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { type FieldErrors, fieldErrorsOf, SignInSchema } from "@/lib/auth/schemas";
import { TextField } from "./text-field";

/** next-auth error codes (?error=...) in words a learner can act on. */
const SIGN_IN_ERRORS: Record<string, string> = {
  CredentialsSignin: "That email and password don't match an account. Check them and try again.",
  OAuthAccountNotLinked: "This email is already used by another sign-in method. Sign in the way you did before.",
  AccessDenied: "Sign-in was refused. If you used GitHub or Google, make sure your email address is verified there.",
  SessionRequired: "Please sign in to see that page.",
  TooManyAttempts: "Too many sign-in attempts. Wait a few minutes, then try again.",
};
const GENERIC_ERROR = "We couldn't sign you in. Please try again.";

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string | undefined }) {
  const router = useRouter();
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(initialError ? (SIGN_IN_ERRORS[initialError] ?? GENERIC_ERROR) : null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = SignInSchema.safeParse({ email: data.get("email"), password: data.get("password") });
    setFormError(null);
    if (!parsed.success) {
      const errors = fieldErrorsOf(parsed.error);
      setFields(errors);
      (errors.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setFields({});
    setBusy(true);
    const result = await signIn("credentials", { ...parsed.data, redirect: false });
    if (!result || result.error) {
      setBusy(false);
      setFormError(SIGN_IN_ERRORS[result?.error ?? ""] ?? GENERIC_ERROR);
      requestAnimationFrame(() => errorRef.current?.focus());
      return;
    }
    // Checked again here: the prop is the only thing between a crafted link and the browser.
    router.replace(safeCallbackUrl(callbackUrl));
    router.refresh();
  }

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="sign-in-heading">
      {formError && (
        <p className="form-error" role="alert" tabIndex={-1} ref={errorRef} data-testid="form-error">
          {formError}
        </p>
      )}
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        autoFocus
        errors={fields.email}
        inputRef={emailRef}
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        errors={fields.password}
        inputRef={passwordRef}
      />
      <button type="submit" className="button" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
      <p>
        New to Hopwise? <Link href={`/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Create an account</Link>
      </p>
    </form>
  );
}
