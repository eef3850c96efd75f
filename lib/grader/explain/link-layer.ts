/**
 * Ethernet addresses: the source MAC is the interface the frame leaves by and the destination
 * the next hop's MAC (from ARP). Both are per link, so both change at every router.
 */
import { decisionOf, interfaceName, join, protocolRule, readableOwner, symbolOf, type ExplainInput, type Explanation } from "./context";

export function explainSourceMac(input: ExplainInput): Explanation {
  const e = input.event;
  const v = input.blank.expected;
  const owner = symbolOf(input, "eth.src");
  const rewrite = decisionOf(e, "l2-rewrite");
  const rule = "the source MAC changes at every router, because each link gets a new Ethernet header";
  if (e?.type === "hop") {
    return {
      reason: join(`Source MAC ${v} is the MAC of ${interfaceName(e.node, e.egress)}, the interface the frame leaves by`, rule),
      provenance: rewrite?.provenance ?? protocolRule("IEEE 802.3: the sender's own interface address"),
    };
  }
  const from = owner ? readableOwner(owner.symbol.label) : "the previous hop";
  return {
    reason: join(`Source MAC ${v} is the MAC of ${from}, the interface the frame left the previous hop by`, rule),
    provenance: protocolRule("IEEE 802.3: the sender's own interface address"),
  };
}

export function explainDestinationMac(input: ExplainInput): Explanation {
  const e = input.event;
  const v = input.blank.expected;
  const arp = decisionOf(e, "arp");
  const rule = "a frame is only ever addressed to the next hop on its own link, never to a host beyond a router";
  if (e?.type === "hop") {
    const dstIp = e.packet.ip?.dst;
    const nextHop = e.nextHop === dstIp ? `${e.nextHop} (the destination itself, on this link)` : `${e.nextHop}`;
    const how = arp ? arp.reason : `${input.nodeLabel(e.node)} found it with ARP`;
    return {
      reason: join(`Destination MAC ${v} is the MAC of the next hop, ${nextHop}, resolved with ARP: ${how}`, rule),
      provenance: arp?.provenance ?? protocolRule("RFC 826: ARP resolves the next hop's IP address to its MAC"),
    };
  }
  const at = e && "ingress" in e ? interfaceName(e.node, e.ingress) : input.nodeLabel(input.blank.node);
  return {
    reason: join(`Destination MAC ${v} is the MAC of ${at}: the previous hop took ${input.nodeLabel(input.blank.node)} as its next hop and resolved its MAC with ARP`, rule),
    provenance: protocolRule("RFC 826: ARP resolves the next hop's IP address to its MAC"),
  };
}
