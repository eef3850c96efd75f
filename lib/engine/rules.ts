/**
 * World rules: switches for the behaviours the simulator models. All on is the real world.
 * Switching one off gives the world a learner with a particular misconception has in mind;
 * the grader re-runs the simulation in that world and, when a wrong answer matches it, names the
 * misconception. One rule (`natgw-translates-to-eip`) is a documented simplification instead.
 */

export type RuleId =
  | "ttl-decrement"
  | "mac-rewrite"
  | "mac-end-to-end"
  | "snat"
  | "nat-port-preservation"
  | "reverse-nat"
  | "kube-proxy-dnat"
  | "conntrack-reverse"
  | "dns-cache"
  | "cdn-cache"
  | "sg-stateful"
  | "nacl-stateless"
  | "syn-consumes-seq"
  | "dns-search-domains"
  | "proxy-new-connection"
  | "natgw-translates-to-eip";

export interface RuleInfo {
  readonly id: RuleId;
  /** True when the real world has this behaviour switched on. */
  readonly realWorld: boolean;
  /** The misconception a learner holds when their answer matches the world with this rule flipped. */
  readonly misconception: string;
  /** What is actually true, in one or two sentences. */
  readonly truth: string;
  readonly concept: string;
}

export const RULES: Readonly<Record<RuleId, RuleInfo>> = {
  "ttl-decrement": {
    id: "ttl-decrement", realWorld: true, concept: "routing",
    misconception: "TTL stays the same from end to end",
    truth: "Every router that forwards a packet decrements its TTL by one (and drops it at zero), so the TTL tells you how many routers a packet has crossed.",
  },
  "mac-rewrite": {
    id: "mac-rewrite", realWorld: true, concept: "l2",
    misconception: "the Ethernet header travels unchanged across routers",
    truth: "Routers rewrite the Ethernet addresses at every hop: the source MAC becomes the router's outgoing interface and the destination MAC the next hop's. IP addresses are end to end; MAC addresses are per link.",
  },
  "mac-end-to-end": {
    id: "mac-end-to-end", realWorld: false, concept: "l2",
    misconception: "the destination MAC is the final server's MAC",
    truth: "A frame is addressed to the next hop on the local link (usually the default gateway), never to a host beyond a router; ARP only ever resolves addresses on the same link.",
  },
  snat: {
    id: "snat", realWorld: true, concept: "nat",
    misconception: "private addresses travel across the internet unchanged",
    truth: "Source NAT rewrites a private source address to the router's public address on the way out; the internet never sees RFC 1918 addresses.",
  },
  "nat-port-preservation": {
    id: "nat-port-preservation", realWorld: false, concept: "nat",
    misconception: "NAT always keeps the original source port",
    truth: "PAT identifies each inside connection by the port it allocates on the public address; it follows its own allocation policy and does not necessarily keep the client's port.",
  },
  "reverse-nat": {
    id: "reverse-nat", realWorld: true, concept: "nat",
    misconception: "the reply reaches the client still addressed to the public IP",
    truth: "The NAT looks the reply up in its translation table and rewrites the destination back to the inside address and port before forwarding it on the LAN.",
  },
  "kube-proxy-dnat": {
    id: "kube-proxy-dnat", realWorld: true, concept: "kubernetes",
    misconception: "packets travel to the ClusterIP itself",
    truth: "A ClusterIP belongs to no machine: kube-proxy's rules DNAT the destination to one of the service's pod endpoints on the node where the packet starts.",
  },
  "conntrack-reverse": {
    id: "conntrack-reverse", realWorld: true, concept: "kubernetes",
    misconception: "the reply comes back from the pod's own address",
    truth: "Connection tracking remembers the DNAT and rewrites the reply's source back to the ClusterIP, so the client sees an answer from the address it called.",
  },
  "dns-cache": {
    id: "dns-cache", realWorld: true, concept: "dns",
    misconception: "every lookup goes out to the DNS servers",
    truth: "Browsers, operating systems and resolvers cache answers for the record's TTL; a cached answer needs no query at all.",
  },
  "cdn-cache": {
    id: "cdn-cache", realWorld: true, concept: "cdn",
    misconception: "the CDN fetches from the origin on every request",
    truth: "The edge keeps cacheable responses keyed by URL: the second request is a HIT served from the edge, with no trip to the origin.",
  },
  "sg-stateful": {
    id: "sg-stateful", realWorld: true, concept: "security",
    misconception: "security groups need a rule for return traffic",
    truth: "Security groups are stateful: a response to an allowed connection is allowed back automatically, whatever the rules say.",
  },
  "nacl-stateless": {
    id: "nacl-stateless", realWorld: true, concept: "security",
    misconception: "network ACLs allow return traffic automatically",
    truth: "Network ACLs are stateless: return traffic to ephemeral ports must be allowed by its own rule, or it is dropped.",
  },
  "syn-consumes-seq": {
    id: "syn-consumes-seq", realWorld: true, concept: "tcp",
    misconception: "the SYN does not use up a sequence number",
    truth: "SYN and FIN each consume one sequence number, so the answer to a SYN with seq=x acknowledges x+1.",
  },
  "dns-search-domains": {
    id: "dns-search-domains", realWorld: true, concept: "kubernetes",
    misconception: "a short service name is looked up as it is",
    truth: "The pod's resolv.conf has search domains and ndots:5, so a short name like order-service is tried as order-service.<namespace>.svc.cluster.local first.",
  },
  "proxy-new-connection": {
    id: "proxy-new-connection", realWorld: true, concept: "http",
    misconception: "the proxy passes the client's connection through, so the server sees the client's address",
    truth: "An L7 proxy (CDN edge, load balancer, bastion) ends the client's TCP connection and opens its own: the server sees the proxy's address, and the client's address travels in a header such as X-Forwarded-For or CF-Connecting-IP.",
  },
  "natgw-translates-to-eip": {
    id: "natgw-translates-to-eip", realWorld: false, concept: "cloud",
    misconception: "the NAT gateway writes its Elastic IP into the packet",
    truth: "An AWS NAT gateway translates the source to its own private address; the internet gateway then maps that private address to the Elastic IP. Many diagrams fold both steps into one.",
  },
};

export const RULE_IDS = Object.keys(RULES) as RuleId[];

/**
 * Every rule's number (its place in RULE_IDS). The engine asks `sim.rule(RULE["ttl-decrement"])`:
 * a constant lookup where it is written and an array read inside, on a path taken several times
 * per hop (asking by name made every question a hashed property lookup).
 */
export const RULE: Readonly<Record<RuleId, number>> = ruleNumbers();

function ruleNumbers(): Record<RuleId, number> {
  const numbers = {} as Record<RuleId, number>;
  RULE_IDS.forEach((id, i) => {
    numbers[id] = i;
  });
  return numbers;
}

/** Which rules differ from the real world in this simulation. Empty means the real world. */
export type WorldRules = Readonly<Partial<Record<RuleId, boolean>>>;

/** Whether a behaviour is on in this world. */
export function isOn(world: WorldRules, rule: RuleId): boolean {
  return world[rule] ?? RULES[rule].realWorld;
}

/** The world in which exactly one rule is flipped from reality. */
export function flipped(rule: RuleId): WorldRules {
  return { [rule]: !RULES[rule].realWorld };
}
