"use client";

/** Start a mock interview: pick a scenario, solo or live, and (solo) when answers are graded. */
import { useRouter } from "next/navigation";
import { useState } from "react";
import styles from "./interview.module.css";

export function StartInterviewForm({ scenarios, signedIn }: { scenarios: readonly { id: string; title: string }[]; signedIn: boolean }) {
  const router = useRouter();
  const [mode, setMode] = useState<"solo" | "live">("solo");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function start(form: FormData) {
    setBusy(true);
    setError(null);
    try {
      const r = await fetch("/api/v1/interviews", {
        method: "POST", headers: { "content-type": "application/json" },
        body: JSON.stringify({ scenarioId: form.get("scenarioId"), mode, grading: mode === "solo" ? form.get("grading") : "as-you-go", difficulty: form.get("difficulty") }),
      });
      const body = (await r.json().catch(() => null)) as { id?: string; error?: { message?: string } } | null;
      if (!r.ok || !body?.id) throw new Error(body?.error?.message ?? "The interview could not be started.");
      router.push(`/interviews/${body.id}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : "The interview could not be started.");
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => { e.preventDefault(); void start(new FormData(e.currentTarget)); }} aria-label="Start an interview" className={styles.panel}>
      <h2>Start an interview</h2>
      <p>
        <label htmlFor="scenarioId">Scenario</label><br />
        <select id="scenarioId" name="scenarioId" required data-testid="scenario">
          {scenarios.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
        </select>
      </p>
      <fieldset>
        <legend>Who is interviewing?</legend>
        <label><input type="radio" name="mode" value="solo" checked={mode === "solo"} onChange={() => setMode("solo")} /> Solo: a timed mock interview on my own</label><br />
        <label><input type="radio" name="mode" value="live" checked={mode === "live"} onChange={() => setMode("live")} disabled={!signedIn} data-testid="mode-live" /> Live: I interview someone (they join with a code){!signedIn && " (sign in first)"}</label>
      </fieldset>
      {mode === "solo" && (
        <fieldset>
          <legend>Grading</legend>
          <label><input type="radio" name="grading" value="as-you-go" defaultChecked /> After each stage</label><br />
          <label><input type="radio" name="grading" value="at-end" /> Only at the end</label>
        </fieldset>
      )}
      <p>
        <label htmlFor="difficulty">Difficulty</label><br />
        <select id="difficulty" name="difficulty" defaultValue="intermediate">
          <option value="beginner">Beginner</option><option value="intermediate">Intermediate</option><option value="advanced">Advanced</option>
        </select>
      </p>
      {error && <p role="alert" className={styles.error}>{error}</p>}
      <button type="submit" className="button" disabled={busy} data-testid="start-interview">{busy ? "Starting…" : "Start"}</button>
    </form>
  );
}

/** Join a live interview by the code the interviewer shared (as a guest if not signed in). */
export function JoinInterviewForm({ code: initial = "" }: { code?: string }) {
  const router = useRouter();
  const [code, setCode] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function join() {
    setBusy(true);
    setError(null);
    try {
      const r = await fetch("/api/v1/interviews/join", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code }) });
      const body = (await r.json().catch(() => null)) as { id?: string; error?: { message?: string; fields?: Record<string, string[]> } } | null;
      if (!r.ok || !body?.id) throw new Error(body?.error?.fields?.code?.[0] ?? body?.error?.message ?? "Could not join.");
      router.push(`/interviews/${body.id}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : "Could not join.");
      setBusy(false);
    }
  }
  return (
    <form onSubmit={(e) => { e.preventDefault(); void join(); }} aria-label="Join an interview" className={styles.panel}>
      <h2>Join an interview</h2>
      <label htmlFor="join-code">Code from your interviewer</label><br />
      <input id="join-code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" autoCapitalize="characters" placeholder="K7QM-4ZX2" data-testid="join-code-input" />{" "}
      <button type="submit" className="button" disabled={busy} data-testid="join">{busy ? "Joining…" : "Join"}</button>
      {error && <p role="alert" className={styles.error}>{error}</p>}
    </form>
  );
}
