/**
 * The attempt page's timer runs on the server's clock, never the browser's: the page carries the
 * server's `now` and the deadline, and the browser keeps only the offset between its clock and the
 * server's, re-measured now and then (a request's midpoint, like NTP's simplest estimate). A browser
 * clock set an hour wrong therefore shows the same time left as a correct one.
 */

/** Server time minus browser time, from a reply that carried `serverNow`, sent and received at browser times. */
export function clockOffset(serverNow: number, sentAt: number, receivedAt: number): number {
  return serverNow - (sentAt + receivedAt) / 2;
}

/** Milliseconds left before `deadline` on the server's clock, at browser time `browserNow` (never negative). */
export function remainingMs(deadline: number, browserNow: number, offset: number): number {
  return Math.max(0, deadline - (browserNow + offset));
}

/** "1:02:05", "4:09", "0:00": hours only when there are some; seconds rounded up (never shows 0 early). */
export function formatRemaining(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}
