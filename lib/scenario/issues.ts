/**
 * Collects what is wrong with a scenario file, each problem with the path inside the file that
 * caused it (turned into a line number by the loader), so an author can fix everything in one pass.
 */
import { parseCidr, parseHostAddress, type Cidr, type HostAddress } from "../net/cidr";
import { parseIpv4, type Ipv4 } from "../net/ipv4";
import { derivedMac, isGroupMac, parseMac, type Mac } from "../net/mac";

export type Path = readonly (string | number)[];

export interface ScenarioIssue {
  readonly path: Path;
  readonly message: string;
}

export class Issues {
  readonly list: ScenarioIssue[] = [];

  add(path: Path, message: string): void {
    this.list.push({ path, message });
  }

  get ok(): boolean {
    return this.list.length === 0;
  }

  /** An IPv4 address, or 0.0.0.0 after recording the problem. */
  ip(path: Path, text: unknown): Ipv4 {
    const r = parseIpv4(text);
    if (r.ok) return r.value;
    this.add(path, r.error);
    return 0 as Ipv4;
  }

  cidr(path: Path, text: unknown): Cidr {
    const r = parseCidr(text);
    if (r.ok) return r.value;
    this.add(path, r.error);
    return { network: 0 as Ipv4, prefix: 0 };
  }

  hostAddress(path: Path, text: unknown): HostAddress {
    const r = parseHostAddress(text);
    if (r.ok) return r.value;
    this.add(path, r.error);
    return { ip: 0 as Ipv4, prefix: 32 };
  }

  mac(path: Path, text: string | undefined, fallbackName: string): Mac {
    if (text === undefined) return derivedMac(fallbackName);
    const r = parseMac(text);
    if (r.ok && isGroupMac(r.value)) {
      this.add(path, `${r.value} is a group (multicast) address, not an interface's own: the lowest bit of its first byte is set, and Linux refuses it (ip link set address). Clear that bit, e.g. ${unicastOf(r.value)}`);
      return derivedMac(fallbackName);
    }
    if (r.ok) return r.value;
    this.add(path, r.error);
    return derivedMac(fallbackName);
  }

  /** A number after substitution (a `${...}` that did not become a number is an error). */
  number(path: Path, value: unknown, min: number, max: number): number {
    if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) return value;
    this.add(path, `expected a whole number ${min}-${max}, got ${JSON.stringify(value)}`);
    return min;
  }
}

/** The same address with the group bit cleared and the locally administered bit set (a suggestion). */
function unicastOf(address: Mac): string {
  const first = ((parseInt(address.slice(0, 2), 16) & 0xfe) | 0x02).toString(16).padStart(2, "0").toUpperCase();
  return `${first}${address.slice(2)}`;
}
