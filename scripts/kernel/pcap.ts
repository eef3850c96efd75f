/**
 * Reads a libpcap file (what `tcpdump -w` writes) into frames with the fields the comparison
 * needs: Ethernet, ARP, IPv4, TCP/UDP ports, TCP seq/ack/flags, ICMP type/code and the header an
 * ICMP error carries. Pure: bytes in, frames out.
 */

export interface Frame {
  readonly ethSrc: string;
  readonly ethDst: string;
  readonly arp?: { readonly op: "request" | "reply"; readonly senderMac: string; readonly senderIp: string; readonly targetIp: string };
  readonly ip?: { readonly src: string; readonly dst: string; readonly ttl: number; readonly protocol: "TCP" | "UDP" | "ICMP" | string };
  readonly sport?: number;
  readonly dport?: number;
  readonly tcp?: { readonly seq: number; readonly ack: number; readonly flags: readonly string[] };
  readonly icmp?: { readonly type: number; readonly code: number; readonly inner?: string };
}

const mac = (b: Buffer, o: number) => [...b.subarray(o, o + 6)].map((x) => x.toString(16).padStart(2, "0").toUpperCase()).join(":");
const ipv4 = (b: Buffer, o: number) => `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
const PROTOS: Record<number, string> = { 1: "ICMP", 6: "TCP", 17: "UDP" };
const FLAG_BITS: [number, string][] = [[0x02, "SYN"], [0x10, "ACK"], [0x01, "FIN"], [0x04, "RST"], [0x08, "PSH"]];

/** The frames of a pcap file's bytes, in capture order. Throws on a file that is not pcap/Ethernet. */
export function parsePcap(data: Buffer): Frame[] {
  if (data.length < 24) return [];
  const magic = data.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  if (!le && data.readUInt32BE(0) !== 0xa1b2c3d4 && data.readUInt32BE(0) !== 0xa1b23c4d) throw new Error("not a pcap file");
  const u32 = (o: number) => (le ? data.readUInt32LE(o) : data.readUInt32BE(o));
  if (u32(20) !== 1) throw new Error(`link type ${u32(20)} is not Ethernet`);
  const frames: Frame[] = [];
  for (let o = 24; o + 16 <= data.length; ) {
    const len = u32(o + 8);
    const frame = data.subarray(o + 16, o + 16 + len);
    o += 16 + len;
    const f = parseFrame(frame);
    if (f) frames.push(f);
  }
  return frames;
}

function parseFrame(b: Buffer): Frame | null {
  if (b.length < 14) return null;
  const ethDst = mac(b, 0);
  const ethSrc = mac(b, 6);
  const type = b.readUInt16BE(12);
  if (type === 0x0806 && b.length >= 42) {
    const op = b.readUInt16BE(20) === 1 ? "request" : "reply";
    return { ethSrc, ethDst, arp: { op, senderMac: mac(b, 22), senderIp: ipv4(b, 28), targetIp: ipv4(b, 38) } };
  }
  if (type !== 0x0800) return null;
  const ip = parseIp(b.subarray(14));
  return ip ? { ethSrc, ethDst, ...ip } : null;
}

function parseIp(b: Buffer): Omit<Frame, "ethSrc" | "ethDst"> | null {
  if (b.length < 20) return null;
  const ihl = (b[0]! & 15) * 4;
  const proto = b[9]!;
  const ip = { src: ipv4(b, 12), dst: ipv4(b, 16), ttl: b[8]!, protocol: PROTOS[proto] ?? String(proto) };
  const l4 = b.subarray(ihl);
  if ((proto === 6 || proto === 17) && l4.length >= 4) {
    const ports = { sport: l4.readUInt16BE(0), dport: l4.readUInt16BE(2) };
    if (proto === 17 || l4.length < 14) return { ip, ...ports };
    const bits = l4[13]!;
    return { ip, ...ports, tcp: { seq: l4.readUInt32BE(4), ack: l4.readUInt32BE(8), flags: FLAG_BITS.filter(([m]) => bits & m).map(([, n]) => n) } };
  }
  if (proto === 1 && l4.length >= 8) {
    const t = l4[0]!;
    const code = l4[1]!;
    if ((t === 3 || t === 11) && l4.length >= 8 + 20 + 4) {
      const inner = l4.subarray(8);
      const innerIhl = (inner[0]! & 15) * 4;
      const innerProto = PROTOS[inner[9]!] ?? String(inner[9]);
      const sport = inner.readUInt16BE(innerIhl);
      const dport = inner.readUInt16BE(innerIhl + 2);
      return { ip, icmp: { type: t, code, inner: `${innerProto} ${ipv4(inner, 12)}:${sport} -> ${ipv4(inner, 16)}:${dport}` } };
    }
    return { ip, icmp: { type: t, code } };
  }
  return { ip };
}
