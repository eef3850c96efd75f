/**
 * Transport ports: parsing, and the ephemeral (client) port range each operating system draws from.
 */
import { fail, ok, type Parsed } from "./result";

export type OperatingSystem = "linux" | "windows" | "macos";

export interface PortRange {
  readonly min: number;
  readonly max: number;
}

/**
 * Ephemeral port ranges: Linux's net.ipv4.ip_local_port_range default, and the IANA dynamic range
 * that Windows (since Vista) and macOS use.
 */
export const EPHEMERAL_PORTS: Readonly<Record<OperatingSystem, PortRange>> = {
  linux: { min: 32768, max: 60999 },
  windows: { min: 49152, max: 65535 },
  macos: { min: 49152, max: 65535 },
};

/** Parses a port number 0-65535 (0 is allowed only when asked for, since no socket uses it on the wire). */
export function parsePort(input: unknown, options: { allowZero?: boolean } = {}): Parsed<number> {
  const text = typeof input === "number" ? String(input) : typeof input === "string" ? input.trim() : null;
  if (text === null) return fail("a port must be a number like 443");
  if (text.length === 0) return fail("a port is required");
  if (!/^\d{1,6}$/.test(text)) return fail(`"${text.slice(0, 20)}" is not a port: write a whole number 1-65535`);
  const port = Number(text);
  if (port > 65535) return fail(`port ${port} is over 65535: ports are 16-bit numbers`);
  if (port === 0 && !options.allowZero) return fail("port 0 is never used on the wire");
  return ok(port);
}

/** True when the port lies in the range, both ends included. */
export function inRange(range: PortRange, port: number): boolean {
  return port >= range.min && port <= range.max;
}
