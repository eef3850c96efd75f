"use client";

/**
 * Autosave for an attempt's answers: a PUT shortly after typing pauses, at once on `flush()` (a
 * field losing focus, before submitting), with retries and back-off while the server cannot be
 * reached, and a keepalive request as the page is hidden or closed so nothing typed is lost.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { Answers } from "./answer-types";

export type SaveStatus =
  | { readonly state: "idle" }
  | { readonly state: "saving" }
  | { readonly state: "saved" }
  | { readonly state: "retrying" }
  | { readonly state: "failed"; readonly message: string }
  | { readonly state: "submitted" };

const RETRY_START_MS = 1_000;
const RETRY_MAX_MS = 15_000;

/**
 * Where an attempt's answers are saved. Practice: /api/v1/attempts/:id/answers with
 * {answers}. An assessment question: its attempt's answers route, the answers under its slot.
 */
export interface AutosaveTarget {
  readonly url: string;
  /** The assessment slot the answers belong to (sent as {answers: {[slot]: answers}}). */
  readonly slot?: string;
}

/** Only the answered blanks travel: a cleared field is simply absent from the saved set. */
function bodyOf(answers: Answers, slot?: string): string {
  const kept: Record<string, unknown> = {};
  for (const [id, v] of Object.entries(answers)) {
    if (typeof v === "string" ? v.trim() !== "" : Array.isArray(v) ? v.length > 0 : Object.values(v).some((p) => typeof p === "string" && p.trim() !== "")) kept[id] = v;
  }
  return JSON.stringify({ answers: slot === undefined ? kept : { [slot]: kept } });
}

async function messageOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? `the server answered ${response.status}`;
}

export function useAutosave(attemptId: string, answers: Answers, initial: Answers, delayMs = 700, target?: AutosaveTarget) {
  const url = target?.url ?? `/api/v1/attempts/${encodeURIComponent(attemptId)}/answers`;
  const slot = target?.slot;
  const [status, setStatus] = useState<SaveStatus>({ state: "idle" });
  const latest = useRef(bodyOf(answers, slot));
  const saved = useRef(bodyOf(initial, slot));
  const inflight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const retryDelay = useRef(RETRY_START_MS);
  const stopped = useRef(false);
  const saveRef = useRef<() => Promise<boolean>>(async () => false);
  const lastBeacon = useRef<string | null>(null);
  const submittedElsewhere = useRef(false);

  latest.current = bodyOf(answers, slot);

  const clearTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const saveOnce = useCallback(async (): Promise<boolean> => {
    const body = latest.current;
    if (body === saved.current) return true;
    setStatus({ state: "saving" });
    let response: Response;
    try {
      response = await fetch(url, { method: "PUT", headers: { "content-type": "application/json" }, body });
    } catch {
      response = new Response(null, { status: 503 });
    }
    if (response.ok) {
      saved.current = body;
      retryDelay.current = RETRY_START_MS;
      return true;
    }
    if (response.status === 409) {
      stopped.current = true;
      submittedElsewhere.current = true;
      setStatus({ state: "submitted" });
      return false;
    }
    if (response.status >= 500 || response.status === 408 || response.status === 429) {
      setStatus({ state: "retrying" });
      clearTimer();
      timer.current = setTimeout(() => void saveRef.current(), retryDelay.current);
      retryDelay.current = Math.min(retryDelay.current * 2, RETRY_MAX_MS);
      return false;
    }
    stopped.current = true;
    setStatus({ state: "failed", message: await messageOf(response) });
    return false;
  }, [url]);

  /** Saves until what is saved is what is on screen (or a save fails). */
  const save = useCallback(async (): Promise<boolean> => {
    if (stopped.current) return false;
    clearTimer();
    while (inflight.current) await inflight.current;
    for (;;) {
      const run = saveOnce();
      inflight.current = run;
      const ok = await run.finally(() => {
        inflight.current = null;
      });
      if (!ok) return false;
      if (latest.current === saved.current) {
        setStatus({ state: "saved" });
        return true;
      }
    }
  }, [saveOnce]);
  saveRef.current = save;

  // Typing: save once the learner pauses.
  useEffect(() => {
    if (stopped.current || latest.current === saved.current) return;
    clearTimer();
    timer.current = setTimeout(() => void save(), delayMs);
  }, [answers, save, delayMs]);

  // Leaving: hand the unsaved answers to the browser, which sends them even as the page goes away.
  useEffect(() => {
    const sendNow = () => {
      const body = latest.current;
      if (stopped.current || body === saved.current || body === lastBeacon.current) return;
      lastBeacon.current = body;
      try {
        void fetch(url, { method: "PUT", headers: { "content-type": "application/json" }, body, keepalive: true }).then(
          (r) => {
            if (r.ok) saved.current = body;
          },
          () => {},
        );
      } catch {
        // keepalive bodies are limited to 64 KB; the regular save keeps trying while the page lives.
      }
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") sendNow();
    };
    window.addEventListener("pagehide", sendNow);
    window.addEventListener("beforeunload", sendNow);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", sendNow);
      window.removeEventListener("beforeunload", sendNow);
      document.removeEventListener("visibilitychange", onVisibility);
      clearTimer();
      // Leaving by a link inside the app unmounts the form without unloading the page.
      sendNow();
    };
  }, [url]);

  /** Stop saving: the attempt has been submitted. */
  const stop = useCallback(() => {
    stopped.current = true;
    clearTimer();
  }, []);

  return { status, flush: save, stop, isSaved: () => latest.current === saved.current, wasSubmitted: () => submittedElsewhere.current };
}
