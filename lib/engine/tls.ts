/**
 * TLS handshakes (1.3 and 1.2 with ECDHE) as flights of records on a TCP connection: what each
 * flight carries, what an observer on the wire can read (SNI, offered ALPN, chosen cipher) and
 * what travels encrypted, plus the client's certificate-chain check.
 */
import type { TlsConfig } from "./model";
import type { Sim } from "./sim";
import { sendData, type TcpConnection } from "./tcp";
import type { Transmit } from "./forward";
import type { TlsRecord } from "./trace-types";

/** Bytes a record adds around its content: 5-byte header, 1-byte inner type and 16-byte AEAD tag. */
export const TLS_RECORD_OVERHEAD = 22;
const CLIENT_HELLO_BYTES = 517;
const CERTIFICATE_BYTES = 1_250;

export interface TlsSession {
  readonly version: "1.2" | "1.3";
  readonly alpn: string;
  readonly cipher: string;
}

export type TlsResult =
  | { readonly ok: true; readonly session: TlsSession }
  | { readonly ok: false; readonly failure: Extract<Transmit, { ok: false }> };

function record(version: "1.2" | "1.3", messages: string[], visible: Record<string, string>, encrypted: string[]): TlsRecord {
  return { protocol: "TLS", version, messages, visible, encrypted };
}

function fail(t: Transmit): TlsResult {
  return { ok: false, failure: t as Extract<Transmit, { ok: false }> };
}

/** Does `name` match a certificate name, including a single-label wildcard like *.google.com? */
export function nameMatches(pattern: string, name: string): boolean {
  if (pattern === name) return true;
  if (!pattern.startsWith("*.")) return false;
  const suffix = pattern.slice(1);
  return name.endsWith(suffix) && !name.slice(0, -suffix.length).includes(".");
}

/** Runs the handshake for `sni` over an established connection. */
export function handshake(sim: Sim, conn: TcpConnection, sni: string, config: TlsConfig, offeredAlpn: readonly string[], trustedRoots: readonly string[]): TlsResult {
  const version = config.versions.includes("1.3") ? "1.3" : "1.2";
  const alpn = offeredAlpn.find((a) => config.alpn.includes(a)) ?? "http/1.1";
  const p = conn.prefix;
  const hello = record(version, ["ClientHello"], {
    "server name (SNI)": sni, "offered versions": "TLS 1.3, TLS 1.2", "offered ALPN": offeredAlpn.join(", "),
    "cipher suites": "TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256, ECDHE-ECDSA-AES128-GCM-SHA256, ...",
    "key share": "x25519 public key", random: "32 random bytes",
  }, []);
  let r = sendData(sim, conn, true, "tls.client-hello", CLIENT_HELLO_BYTES, hello);
  if (!r.ok) return fail(r);
  const chainBytes = config.chain.length > 1 ? (config.chain.length - 1) * CERTIFICATE_BYTES : CERTIFICATE_BYTES;
  const serverFlight = version === "1.3"
    ? record(version, ["ServerHello", "ChangeCipherSpec", "EncryptedExtensions", "Certificate", "CertificateVerify", "Finished"],
      { "chosen version": "TLS 1.3", "chosen cipher": config.cipher, "key share": "x25519 public key" },
      ["EncryptedExtensions (ALPN: " + alpn + ")", "Certificate (" + config.chain.map((c) => c.subject).join(" -> ") + ")", "CertificateVerify", "Finished"])
    : record(version, ["ServerHello", "Certificate", "ServerKeyExchange", "ServerHelloDone"],
      { "chosen version": "TLS 1.2", "chosen cipher": config.cipher, certificate: config.chain.map((c) => c.subject).join(" -> "), "ECDHE parameters": "x25519 public key, signed" }, []);
  r = sendData(sim, conn, false, version === "1.3" ? "tls.server-hello" : "tls.server-hello", 127 + chainBytes + (version === "1.3" ? 400 : 300), serverFlight);
  if (!r.ok) return fail(r);
  const verdict = verifyChain(config, sni, trustedRoots);
  sim.push({
    type: "step", key: sim.key(`${p}tls.verify`, conn.client.node.id), node: conn.client.node.id, protocol: "TLS",
    title: verdict.ok ? "Certificate chain verified" : "Certificate rejected",
    details: { chain: config.chain.map((c) => c.subject).join(" -> "), "checked name": sni },
    reason: verdict.reason, provenance: { kind: "protocol", rule: "RFC 5280 path validation; RFC 6125 name check" },
  });
  if (!verdict.ok) {
    return { ok: false, failure: { ok: false, disposition: "TLS_CERTIFICATE_INVALID", node: conn.client.node.id, component: conn.server.node.id, reason: verdict.reason } };
  }
  sim.push({
    type: "step", key: sim.key(`${p}tls.keys`, conn.client.node.id), node: conn.client.node.id, protocol: "TLS", title: "Session keys derived",
    details: { "key exchange": "ECDHE (x25519)", cipher: config.cipher, alpn },
    reason: "Each side combines its own private key share with the other's public share (ECDHE) to reach the same secret, and derives the session keys from it; the keys themselves never cross the wire.",
    provenance: { kind: "protocol", rule: version === "1.3" ? "RFC 8446 7.1: key schedule" : "RFC 5246 8.1 and RFC 8422: ECDHE key agreement" },
  });
  if (version === "1.3") {
    r = sendData(sim, conn, true, "tls.client-finished", 80, record(version, ["ChangeCipherSpec", "Finished"], {}, ["Finished"]));
    if (!r.ok) return fail(r);
  } else {
    r = sendData(sim, conn, true, "tls.client-key-exchange", 126, record(version, ["ClientKeyExchange", "ChangeCipherSpec", "Finished"], { "ECDHE parameters": "x25519 public key" }, ["Finished"]));
    if (!r.ok) return fail(r);
    r = sendData(sim, conn, false, "tls.server-finished", 51, record(version, ["ChangeCipherSpec", "Finished"], {}, ["Finished"]));
    if (!r.ok) return fail(r);
  }
  return { ok: true, session: { version, alpn, cipher: config.cipher } };
}

/** Checks the leaf names the SNI, each certificate is issued by the next, and the root is trusted. */
export function verifyChain(config: TlsConfig, sni: string, trustedRoots: readonly string[]): { ok: boolean; reason: string } {
  const leaf = config.chain[0];
  if (!leaf) return { ok: false, reason: "The server sent no certificate." };
  if (!leaf.names.some((n) => nameMatches(n, sni))) {
    return { ok: false, reason: `The certificate is for ${leaf.names.join(", ")}, not ${sni}: the browser refuses the connection (name mismatch).` };
  }
  for (let i = 0; i + 1 < config.chain.length; i++) {
    if (config.chain[i]!.issuer !== config.chain[i + 1]!.subject) {
      return { ok: false, reason: `${config.chain[i]!.subject} claims to be issued by ${config.chain[i]!.issuer}, but the next certificate is ${config.chain[i + 1]!.subject}: the chain is broken.` };
    }
  }
  const top = config.chain[config.chain.length - 1]!;
  const anchor = trustedRoots.includes(top.subject) ? top.subject : trustedRoots.includes(top.issuer) ? top.issuer : null;
  if (anchor === null) return { ok: false, reason: `The chain ends at ${top.issuer}, which is not in the client's trust store.` };
  const path = [...config.chain.map((c) => c.subject), ...(anchor === top.subject ? [] : [anchor])].join(" -> ");
  return { ok: true, reason: `The leaf names ${sni}; each certificate is signed by the next (${path}), and ${anchor} is in the client's trust store.` };
}
