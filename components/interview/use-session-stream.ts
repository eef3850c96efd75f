"use client";

/**
 * The live projection of a session: starts from what the page rendered, then follows the server's
 * event stream. EventSource reconnects by itself and sends Last-Event-ID, so a dropped connection
 * catches up from the log; the projection is the whole state, so the newest message is all we need.
 */
import { useCallback, useEffect, useRef, useState } from "react";

export type Connection = "live" | "reconnecting";

export function useSessionStream<P extends { seq: number }>(sessionId: string, initial: P): { projection: P; connection: Connection; send: (command: unknown) => Promise<string | null> } {
  const [projection, setProjection] = useState(initial);
  const [connection, setConnection] = useState<Connection>("live");
  const latest = useRef(initial.seq);

  useEffect(() => {
    const source = new EventSource(`/api/v1/interviews/${encodeURIComponent(sessionId)}/events?lastEventId=${latest.current}`);
    source.addEventListener("view", (e) => {
      const next = JSON.parse((e as MessageEvent<string>).data) as P;
      if (next.seq < latest.current) return;
      latest.current = next.seq;
      setProjection(next);
      setConnection("live");
    });
    source.addEventListener("open", () => setConnection("live"));
    source.addEventListener("error", () => setConnection("reconnecting"));
    return () => source.close();
  }, [sessionId]);

  /** Sends a command; the new state arrives on the stream. Returns an error message, or null. */
  const send = useCallback(async (command: unknown): Promise<string | null> => {
    try {
      const r = await fetch(`/api/v1/interviews/${encodeURIComponent(sessionId)}/commands`, {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(command),
      });
      if (r.ok) return null;
      const body = (await r.json().catch(() => null)) as { error?: { message?: string } } | null;
      return body?.error?.message ?? `The server refused that (${r.status}).`;
    } catch {
      return "We couldn't reach Hopwise. Check your connection and try again.";
    }
  }, [sessionId]);

  return { projection, connection, send };
}

/** A countdown that runs locally between server updates, from the remaining time the server sent. */
export function useCountdown(remainingMs: number, running: boolean, serverNow: number): number {
  // Milliseconds elapsed since this server reading, counted by the interval; a new reading restarts it.
  const [elapsed, setElapsed] = useState({ reading: serverNow, ms: 0 });
  useEffect(() => {
    if (!running) return;
    const started = Date.now();
    const t = setInterval(() => setElapsed({ reading: serverNow, ms: Date.now() - started }), 500);
    return () => clearInterval(t);
  }, [remainingMs, running, serverNow]);
  const ms = running && elapsed.reading === serverNow ? elapsed.ms : 0;
  return Math.max(0, remainingMs - ms);
}
