/**
 * Who is asking, for the rate limits: the client's IP address.
 *
 * A route handler never sees the socket, and Next.js passes on an X-Forwarded-For header that the
 * client itself sent, so a client could name any address it likes. installClientAddressHook()
 * (called from instrumentation.ts when the server starts) stamps every incoming request with the
 * address the app trusts, in a header of its own that it always overwrites: the socket's peer, or,
 * with TRUST_PROXY=N, the address the N-th proxy from the app saw (the N-th X-Forwarded-For entry
 * from the right). Without the hook (a handler called outside `next start`), the first
 * X-Forwarded-For entry is the best there is.
 */
import http from "node:http";
import { trustedProxies } from "./rate-limit-settings";

export const CLIENT_ADDRESS_HEADER = "x-hopwise-client-address";

const state = globalThis as unknown as { hopwiseClientAddressHook?: boolean };

/** The address to trust for a request, given its socket's peer and its X-Forwarded-For (pure). */
export function trustedAddress(socketAddress: string | undefined, forwardedFor: string | undefined, proxies: number): string {
  const peer = socketAddress ?? "unknown";
  if (proxies === 0 || !forwardedFor) return peer;
  const hops = forwardedFor.split(",").map((s) => s.trim()).filter((s) => s !== "");
  // Each trusted proxy appended what it saw; anything further left was written by the client.
  return hops[hops.length - proxies] ?? hops[0] ?? peer;
}

/** Stamp every request of every HTTP server of this process with its trusted client address. */
export function installClientAddressHook(): void {
  if (state.hopwiseClientAddressHook) return;
  state.hopwiseClientAddressHook = true;
  const proxies = trustedProxies();
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function emitWithClientAddress(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      const forwarded = request.headers["x-forwarded-for"];
      request.headers[CLIENT_ADDRESS_HEADER] = trustedAddress(request.socket?.remoteAddress, Array.isArray(forwarded) ? forwarded.join(",") : forwarded, proxies);
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}

/** The client's address as the rate limits see it. */
export function clientAddress(request: Request): string {
  if (state.hopwiseClientAddressHook) return request.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}
