"use client";

/**
 * The attempt page around its questions: a countdown on the server's clock (re-synced every
 * minute, so added time shows and a wrong browser clock does not matter), and one submit button
 * that first saves every question's latest answers, asks for confirmation, then submits. When the
 * time is up the page reloads after the grace: the server has then submitted the saved answers.
 */
import { useRouter } from "next/navigation";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from "react";
import { clockOffset, formatRemaining, remainingMs } from "./server-clock";
import styles from "./attempt.module.css";

type Flush = () => Promise<boolean>;
const FlushRegistry = createContext<((flush: Flush) => () => void) | null>(null);

/** For a question's form: hands its flush to the shell's submit button. */
export function useFlushRegistry() {
  return useContext(FlushRegistry);
}

const GRACE_MS = 10_000;
const RESYNC_MS = 60_000;

export interface AttemptShellProps {
  readonly attemptId: string;
  readonly deadline: number | null;
  readonly serverNow: number;
  readonly children: ReactNode;
}

export function AttemptShell({ attemptId, deadline: initialDeadline, serverNow, children }: AttemptShellProps) {
  const router = useRouter();
  const flushes = useRef(new Set<Flush>());
  const register = useCallback((flush: Flush) => {
    flushes.current.add(flush);
    return () => void flushes.current.delete(flush);
  }, []);
  const [deadline, setDeadline] = useState(initialDeadline);
  const offset = useRef<number | null>(null);
  const [left, setLeft] = useState<number | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const base = `/api/v1/assessment-attempts/${encodeURIComponent(attemptId)}`;

  // The page was rendered at `serverNow`: until the first re-sync, that is the best estimate.
  useEffect(() => {
    if (offset.current === null) offset.current = serverNow - Date.now();
  }, [serverNow]);

  useEffect(() => {
    let stopped = false;
    const resync = async () => {
      const sent = Date.now();
      try {
        const r = await fetch(`${base}?fields=clock`, { cache: "no-store" });
        const received = Date.now();
        if (!r.ok || stopped) return;
        const body = (await r.json()) as { status: string; deadline: string | null; serverNow: string };
        offset.current = clockOffset(Date.parse(body.serverNow), sent, received);
        setDeadline(body.deadline === null ? null : Date.parse(body.deadline));
        if (body.status === "submitted") router.refresh();
      } catch {
        // Offline for a moment: keep counting with the last offset.
      }
    };
    void resync();
    const timer = setInterval(() => void resync(), RESYNC_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [base, router]);

  useEffect(() => {
    if (deadline === null) return;
    const tick = () => setLeft(remainingMs(deadline, Date.now(), offset.current ?? 0));
    tick();
    const timer = setInterval(tick, 500);
    return () => clearInterval(timer);
  }, [deadline]);

  // Time is up: the server accepts saves for the grace, then submits what was saved; then show it.
  const over = left !== null && left <= 0;
  useEffect(() => {
    if (!over) return;
    const timer = setTimeout(() => router.refresh(), GRACE_MS + 2_000);
    return () => clearTimeout(timer);
  }, [over, router]);

  async function submit() {
    setMessage(null);
    if (!window.confirm("Submit your answers now? You cannot change them afterwards.")) return;
    setSubmitting(true);
    const saved = await Promise.all([...flushes.current].map((f) => f()));
    if (saved.some((ok) => !ok)) {
      setSubmitting(false);
      setMessage("Some answers could not be saved, so nothing was submitted. Check your connection and try again.");
      return;
    }
    try {
      const r = await fetch(`${base}/submit`, { method: "POST" });
      if (!r.ok) {
        const body = (await r.json().catch(() => null)) as { error?: { message?: string } } | null;
        setMessage(body?.error?.message ?? "Submitting failed; your answers are saved. Try again.");
      }
      router.refresh();
    } catch {
      setMessage("We couldn't reach Hopwise to submit. Your answers are saved; try again in a moment.");
    }
    setSubmitting(false);
  }

  return (
    <FlushRegistry.Provider value={register}>
      {deadline !== null && (
        <p className={styles.timer} role="timer" aria-live="off" data-testid="countdown" data-over={over ? "true" : "false"}>
          {left === null ? "Time left: …" : over ? "Time is up: your saved answers are being submitted." : `Time left: ${formatRemaining(left)}`}
        </p>
      )}
      {children}
      <div className={styles.submitBar}>
        {message && (
          <p className="form-error" role="alert">
            {message}
          </p>
        )}
        <button type="button" className="button" onClick={() => void submit()} disabled={submitting || over} data-testid="submit-attempt">
          {submitting ? "Submitting…" : "Submit the attempt"}
        </button>
      </div>
    </FlushRegistry.Provider>
  );
}
