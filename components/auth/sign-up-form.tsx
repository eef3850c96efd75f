"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { type FieldErrors, fieldErrorsOf, PASSWORD_MIN_LENGTH, SignUpSchema } from "@/lib/auth/schemas";
import { TextField } from "./text-field";

const FIELD_ORDER = ["name", "email", "password"] as const;

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);

  function showFieldErrors(errors: FieldErrors) {
    setFields(errors);
    const first = FIELD_ORDER.find((field) => errors[field]?.length);
    const refs = { name: nameRef, email: emailRef, password: passwordRef };
    if (first) requestAnimationFrame(() => refs[first].current?.focus());
  }

  function showFormError(message: string) {
    setFormError(message);
    requestAnimationFrame(() => errorRef.current?.focus());
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const input = { name: data.get("name") ?? "", email: data.get("email") ?? "", password: data.get("password") ?? "" };
    setFormError(null);
    const parsed = SignUpSchema.safeParse(input);
    if (!parsed.success) return showFieldErrors(fieldErrorsOf(parsed.error));
    setFields({});
    setBusy(true);
    try {
      const response = await fetch("/api/v1/auth/sign-up", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(input),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string; fields?: FieldErrors } } | null;
        if (body?.error?.fields) showFieldErrors(body.error.fields);
        else showFormError(body?.error?.message ?? "We couldn't create your account. Please try again.");
        setBusy(false);
        return;
      }
      const result = await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
      if (!result || result.error) {
        // The account exists; only the automatic sign-in failed.
        router.replace(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
        return;
      }
      // Checked again here: the prop is the only thing between a crafted link and the browser.
    router.replace(safeCallbackUrl(callbackUrl));
      router.refresh();
    } catch {
      setBusy(false);
      showFormError("We couldn't reach Hopwise. Check your connection and try again.");
    }
  }

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-labelledby="sign-up-heading">
      {formError && (
        <p className="form-error" role="alert" tabIndex={-1} ref={errorRef} data-testid="form-error">
          {formError}
        </p>
      )}
      <TextField name="name" label="Name (optional)" type="text" autoComplete="name" errors={fields.name} inputRef={nameRef} />
      <TextField
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        errors={fields.email}
        inputRef={emailRef}
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        required
        minLength={PASSWORD_MIN_LENGTH}
        errors={fields.password}
        inputRef={passwordRef}
      />
      <button type="submit" className="button" disabled={busy}>
        {busy ? "Creating your account…" : "Create account"}
      </button>
      <p>
        Already have an account? <Link href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in</Link>
      </p>
    </form>
  );
}
