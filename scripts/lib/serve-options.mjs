/**
 * Where `npm start` listens and whether it creates demo accounts. Pure: reads only the env object
 * it is given. A fresh clone is safe to start on a shared or public machine: it listens on loopback
 * unless HOST says otherwise, and the demo accounts (with printed passwords) exist only on a
 * loopback start or when HOPWISE_SEED_DEMO=1 asks for them.
 */
import net from "node:net";

export const DEFAULT_HOST = "127.0.0.1";

/** A host name or address that only this machine can reach. */
export function isLoopbackHost(host) {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, "");
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (net.isIPv4(h)) return h.startsWith("127.");
  if (net.isIPv6(h)) return h === "::1" || /^::ffff:127\./.test(h);
  return false;
}

/**
 * `{ host, loopback, seedDemo, demoReason }`, or `{ error, fix }` for a HOST or HOPWISE_SEED_DEMO
 * value that cannot be meant.
 */
export function resolveServeOptions(env) {
  const rawHost = env.HOST?.trim() ?? "";
  const host = rawHost === "" ? DEFAULT_HOST : rawHost;
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(host)) {
    return { error: `HOST=${rawHost} is not a host name or address.`, fix: "Use e.g. HOST=127.0.0.1 (this machine only) or HOST=0.0.0.0 (every interface)." };
  }
  const loopback = isLoopbackHost(host);
  const demo = env.HOPWISE_SEED_DEMO?.trim() ?? "";
  if (demo !== "" && demo !== "0" && demo !== "1") {
    return { error: `HOPWISE_SEED_DEMO=${demo} is neither 0 nor 1.`, fix: "Use HOPWISE_SEED_DEMO=1 to create the demo accounts, 0 to skip them, or leave it unset." };
  }
  if (demo === "1") return { host, loopback, seedDemo: true, demoReason: "HOPWISE_SEED_DEMO=1" };
  if (demo === "0") return { host, loopback, seedDemo: false, demoReason: "HOPWISE_SEED_DEMO=0" };
  return loopback
    ? { host, loopback, seedDemo: true, demoReason: "a loopback start" }
    : { host, loopback, seedDemo: false, demoReason: `HOST=${host} is reachable from other machines; set HOPWISE_SEED_DEMO=1 to create them anyway` };
}
