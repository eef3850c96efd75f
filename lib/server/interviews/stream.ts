/**
 * A session as server-sent events: each message is the caller's projection (never a raw event),
 * with the log's sequence number as its id. On connect the stream catches up from the stored log
 * (a client that sends Last-Event-ID gets the state after everything it missed, or nothing when it
 * missed nothing); then each notice on the live bus sends the new projection. Comments keep idle
 * proxies from closing the connection, and each heartbeat also ticks the session's timers.
 */
import "server-only";
import type { InterviewRole } from "../auth/policies/interviews";
import { getLiveBus } from "../live";
import { channelOf, loadState, now } from "./log";
import { currentProjection, project } from "./sessions";
import type { SessionRow } from "./store";

export const HEARTBEAT_MS = 15_000;

/** Last-Event-ID (header, or `?lastEventId=` for clients that cannot set headers) as a sequence number. */
export function lastEventIdOf(request: Request): number | null {
  const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  if (raw === null || !/^\d{1,9}$/.test(raw.trim())) return null;
  return Number(raw.trim());
}

export function sessionEventStream(session: SessionRow, role: InterviewRole, lastEventId: number | null, signal: AbortSignal, heartbeatMs = HEARTBEAT_MS): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let sent = lastEventId ?? -1;
  let closed = false;
  let chain: Promise<void> = Promise.resolve();
  let unsubscribe = () => {};
  let heartbeat: NodeJS.Timeout | undefined;

  return new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const close = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      };
      // One read at a time, in order: a burst of notices costs at most one read each, never a reordering.
      // A notice needs one read of the log; the heartbeat also appends what the clock made due.
      const pump = (force = false, tick = false) => {
        chain = chain.then(async () => {
          if (closed) return;
          const p = tick ? await currentProjection(session, role) : await loadState(session.id).then((l) => project(session, role, l.state, l.lastSeq, Math.max(now(), l.state.lastAt)));
          if (p.seq > sent || force) {
            sent = p.seq;
            write(`id: ${p.seq}\nevent: view\ndata: ${JSON.stringify(p)}\n\n`);
          }
        }).catch((e: Error) => {
          write(`event: problem\ndata: ${JSON.stringify({ message: "The live view could not be updated; reload the page." })}\n\n`);
          console.warn(`[interviews] stream of ${session.id}: ${e.message}`);
        });
      };
      if (signal.aborted) return close();
      signal.addEventListener("abort", close, { once: true });
      write(`retry: 1000\n\n`);
      unsubscribe = getLiveBus().subscribe(channelOf(session.id), (seq) => {
        if (seq > sent || seq < 0) pump();
      });
      pump(lastEventId === null, true);
      heartbeat = setInterval(() => {
        write(`: ping\n\n`);
        pump(false, true);
      }, heartbeatMs);
      heartbeat.unref?.();
    },
    cancel() {
      closed = true;
      unsubscribe();
      clearInterval(heartbeat);
    },
  });
}
