/**
 * Ethernet MAC addresses, kept in one canonical spelling (upper-case, colon-separated) so that
 * equality is plain string equality.
 */
import { fail, ok, type Parsed } from "./result";

/** A MAC address in canonical form, e.g. "AA:BB:CC:DD:EE:FF". */
export type Mac = string & { readonly __brand: "Mac" };

export const BROADCAST_MAC = "FF:FF:FF:FF:FF:FF" as Mac;
/** What an ARP request carries as the target hardware address: not yet known. */
export const UNKNOWN_MAC = "00:00:00:00:00:00" as Mac;

const SEPARATED = /^([0-9a-f]{2})([:-])([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})$/i;
const CISCO_DOTTED = /^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$/i;
const BARE = /^[0-9a-f]{12}$/i;

/** Parses a MAC in any common spelling: aa:bb:.., AA-BB-.., aabb.ccdd.eeff, aabbccddeeff. */
export function parseMac(input: unknown): Parsed<Mac> {
  if (typeof input !== "string") return fail("a MAC address must be text like AA:BB:CC:DD:EE:FF");
  const text = input.trim();
  if (text.length === 0) return fail("a MAC address is required");
  if (text.length > 32) return fail("that is too long to be a MAC address");
  let hex: string | null = null;
  const separated = SEPARATED.exec(text);
  if (separated) hex = [1, 3, 4, 5, 6, 7].map((i) => separated[i]).join("");
  const dotted = hex === null ? CISCO_DOTTED.exec(text) : null;
  if (dotted) hex = dotted[1]! + dotted[2]! + dotted[3]!;
  if (hex === null && BARE.test(text)) hex = text;
  if (hex === null) return fail(`"${text}" is not a MAC address: write six pairs of hex digits, e.g. AA:BB:CC:DD:EE:FF`);
  return ok(canonical(hex));
}

function canonical(hex12: string): Mac {
  const upper = hex12.toUpperCase();
  return upper.match(/../g)!.join(":") as Mac;
}

/** Parses a MAC that content (not a learner) wrote; throws on a mistake in our own data. */
export function mac(text: string): Mac {
  const parsed = parseMac(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

/**
 * A stable, locally administered MAC for an interface the scenario did not give one
 * (02:.. marks "locally administered", so it can never collide with a vendor's address).
 */
export function derivedMac(name: string): Mac {
  // FNV-1a over the name, spread over the five bytes after the 02 prefix.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x85ebca6b) >>> 0;
  }
  const bytes = [0x02, h1 >>> 24, (h1 >>> 16) & 255, (h1 >>> 8) & 255, h1 & 255, h2 & 255];
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join(":").toUpperCase() as Mac;
}

/** True for group (multicast/broadcast) addresses: the low bit of the first byte is set. */
export function isGroupMac(address: Mac): boolean {
  return (parseInt(address.slice(0, 2), 16) & 1) === 1;
}
