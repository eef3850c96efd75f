"use client";

/** The start button (with the password field when the assessment has one): POST, then open the attempt. */
import { useRouter } from "next/navigation";
import { useState } from "react";

export function StartAttemptForm({ assessmentId, passwordRequired, label }: { assessmentId: string; passwordRequired: boolean; label: string }) {
  const router = useRouter();
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function start(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const r = await fetch("/api/v1/assessment-attempts", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(passwordRequired ? { assessmentId, password } : { assessmentId }),
      });
      const body = (await r.json().catch(() => null)) as { href?: string; error?: { message?: string } } | null;
      if (r.ok && body?.href) return router.push(body.href);
      setError(body?.error?.message ?? "The attempt could not start. Try again.");
    } catch {
      setError("We couldn't reach Hopwise. Try again in a moment.");
    }
    setBusy(false);
  }

  return (
    <form onSubmit={(e) => void start(e)} data-testid="start-attempt">
      {passwordRequired && (
        <p>
          <label htmlFor="assessment-password">Password from your instructor</label>
          <br />
          <input id="assessment-password" type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button" disabled={busy}>
        {busy ? "Starting…" : label}
      </button>
    </form>
  );
}
