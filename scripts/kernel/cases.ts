/**
 * The topologies checked against the kernel. Each is small, uses only hosts and one-hop routers
 * (so a namespace is exactly one node), and fixes every MAC and client port so frames compare.
 */
import type { KernelCase, NodeSpec } from "./model";
import type { PortPolicy } from "../../lib/engine/model";

const LINUX_PORTS: PortPolicy = { kind: "linux", first: 1024, last: 65535 };

const host = (id: string, address: string, mac: string, gateway: string | null, extra: Partial<NodeSpec> = {}): NodeSpec => ({
  id, kind: "host", interfaces: [{ name: "eth0", segment: `${id}-lan`, address, mac }], routes: gateway ? [`0.0.0.0/0 via ${gateway}`] : [], ...extra,
});

const onLan = (n: NodeSpec, segment: string): NodeSpec => ({ ...n, interfaces: n.interfaces.map((i) => ({ ...i, segment })) });

const server = (address: string, gateway: string | null, segment: string, port = 80): NodeSpec =>
  onLan(host("server", address, "02:00:00:00:01:10", gateway, { listens: [port] }), segment);

const homeRouter = (wan: string, gateway: string | null, ports: PortPolicy = LINUX_PORTS): NodeSpec => ({
  id: "home-router", kind: "router",
  interfaces: [
    { name: "lan0", segment: "home-lan", address: "192.168.1.1/24", mac: "02:00:00:00:00:01" },
    { name: "wan0", segment: "isp", address: wan, mac: "02:00:00:00:00:02" },
  ],
  routes: gateway ? [`0.0.0.0/0 via ${gateway}`] : [],
  snat: [{ out: "wan0", to: wan.split("/")[0]!, from: "192.168.1.0/24", ports }],
});

const laptop = onLan(host("laptop", "192.168.1.10/24", "02:00:00:00:00:10", "192.168.1.1"), "home-lan");
const phone = onLan(host("phone", "192.168.1.11/24", "02:00:00:00:00:11", "192.168.1.1"), "home-lan");

/**
 * TTL expiry on an asymmetric path: the client sends through r1, but x routes the client's network
 * back through r2, so the ICMP time exceeded leaves x by another interface than the probe came in
 * by. Its source is that interface's address (Linux's default) or, with
 * icmp_errors_use_inbound_ifaddr=1, the incoming one's. Reverse-path filtering is off on x, as the
 * path is asymmetric on purpose.
 */
function asymmetricTtl(source: "outgoing" | "incoming"): KernelCase {
  return {
    id: `asymmetric-ttl-${source}`, title: `TTL expiry on an asymmetric path: ICMP time exceeded from the ${source} interface's address`,
    nodes: [
      onLan(host("client", "10.1.0.10/24", "02:00:00:00:00:41", "10.1.0.1"), "client-lan"),
      { id: "r1", kind: "router", interfaces: [
        { name: "lan0", segment: "client-lan", address: "10.1.0.1/24", mac: "02:00:00:00:00:51" },
        { name: "lan1", segment: "net-a", address: "10.2.0.1/24", mac: "02:00:00:00:00:52" },
      ], routes: ["10.4.0.0/24 via 10.2.0.3"] },
      { id: "r2", kind: "router", interfaces: [
        { name: "lan0", segment: "client-lan", address: "10.1.0.2/24", mac: "02:00:00:00:00:61" },
        { name: "lan1", segment: "net-b", address: "10.3.0.2/24", mac: "02:00:00:00:00:62" },
      ] },
      { id: "x", kind: "router", icmpErrorSource: source, interfaces: [
        { name: "eth0", segment: "net-a", address: "10.2.0.3/24", mac: "02:00:00:00:00:71" },
        { name: "eth1", segment: "net-b", address: "10.3.0.3/24", mac: "02:00:00:00:00:72" },
        { name: "eth2", segment: "server-lan", address: "10.4.0.1/24", mac: "02:00:00:00:00:73" },
      ], routes: ["10.1.0.0/24 via 10.3.0.2"], sysctls: ["net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.eth0.rp_filter=0"] },
      server("10.4.0.10/24", "10.4.0.1", "server-lan"),
    ],
    probes: [{ from: "client", to: "10.4.0.10", port: 80, srcPort: 40000, ttl: 2 }],
  };
}

/**
 * ClusterIP on one node whose pod bridge runs in the node itself with bridge netfilter on (as
 * kube-proxy's iptables mode needs): the endpoint's reply is bridged to the client but passes the
 * node's conntrack, so it arrives from the ClusterIP and the connection is made (without the
 * translation the client would reset it, as in clusterip-one-node).
 */
function clusterIpOneNode(netfilter: boolean): KernelCase {
  return {
    id: "clusterip-one-node-bridge-nf", title: "ClusterIP on one node with bridge netfilter: the bridged reply is translated back",
    nodes: [
      onLan(host("pod-a", "10.244.1.10/24", "02:00:00:00:01:0a", "10.244.1.1"), "node1-pods"),
      { id: "node1", kind: "router", bridge: { iface: "cbr0", netfilter }, interfaces: [
        { name: "cbr0", segment: "node1-pods", address: "10.244.1.1/24", mac: "02:00:00:00:01:01" },
      ], dnat: [{ ip: "10.96.0.10", port: 80, to: "10.244.1.11", toPort: 8080 }], sysctls: ["net.ipv4.conf.all.send_redirects=0", "net.ipv4.conf.cbr0.send_redirects=0"] },
      onLan(host("pod-b", "10.244.1.11/24", "02:00:00:00:01:0b", "10.244.1.1", { listens: [8080] }), "node1-pods"),
    ],
    framesNotCompared: "tcpdump on a bridge running br_netfilter sees a frame after PREROUTING's DNAT has rewritten it, not as it crossed the link, so its capture cannot be compared frame by frame; the outcome (connected, not reset) and the conntrack entry are",
    probes: [{ from: "pod-a", to: "10.96.0.10", port: 80, srcPort: 40000 }],
  };
}

export const CASES: readonly KernelCase[] = [
  {
    id: "same-subnet-arp", title: "Same subnet: ARP, then a direct TCP connection",
    nodes: [onLan(host("a", "10.0.0.1/24", "02:00:00:00:0a:01", null), "lan"), server("10.0.0.2/24", null, "lan")],
    probes: [{ from: "a", to: "10.0.0.2", port: 80, srcPort: 40001 }],
  },
  {
    id: "home-nat", title: "Home NAT: a laptop behind a masquerading router",
    nodes: [laptop, homeRouter("203.0.113.50/24", null), server("203.0.113.10/24", null, "isp")],
    probes: [{ from: "laptop", to: "203.0.113.10", port: 80, srcPort: 40000 }],
  },
  {
    id: "double-nat", title: "Double NAT: a home router behind a carrier-grade NAT",
    nodes: [
      laptop, homeRouter("100.64.0.2/24", "100.64.0.1"),
      {
        id: "cgnat", kind: "router",
        interfaces: [
          { name: "inside", segment: "isp", address: "100.64.0.1/24", mac: "02:00:00:00:00:21" },
          { name: "outside", segment: "internet", address: "198.51.100.2/24", mac: "02:00:00:00:00:22" },
        ],
        snat: [{ out: "outside", to: "198.51.100.2", from: "100.64.0.0/10", ports: LINUX_PORTS }],
      },
      server("198.51.100.10/24", null, "internet"),
    ],
    probes: [{ from: "laptop", to: "198.51.100.10", port: 80, srcPort: 40000 }],
  },
  {
    id: "ttl-through-nat", title: "TTL expiry one router past a NAT: ICMP time exceeded comes back translated",
    nodes: [
      laptop, homeRouter("203.0.113.50/24", "203.0.113.1"),
      {
        id: "isp-router", kind: "router",
        interfaces: [
          { name: "in0", segment: "isp", address: "203.0.113.1/24", mac: "02:00:00:00:00:31" },
          { name: "out0", segment: "core", address: "198.51.100.1/24", mac: "02:00:00:00:00:32" },
        ],
      },
      server("198.51.100.10/24", "198.51.100.1", "core"),
    ],
    probes: [{ from: "laptop", to: "198.51.100.10", port: 80, srcPort: 40000, ttl: 2 }],
  },
  {
    id: "port-clash", title: "Two clients with the same source port through one NAT",
    nodes: [laptop, phone, homeRouter("203.0.113.50/24", null), server("203.0.113.10/24", null, "isp")],
    probes: [
      { from: "laptop", to: "203.0.113.10", port: 80, srcPort: 40000 },
      { from: "phone", to: "203.0.113.10", port: 80, srcPort: 40000 },
    ],
  },
  {
    id: "asymmetric", title: "Asymmetric path: the request goes through r1, the reply through r2",
    nodes: [
      onLan(host("client", "10.1.0.10/24", "02:00:00:00:00:41", "10.1.0.1"), "client-lan"),
      { id: "r1", kind: "router", interfaces: [
        { name: "lan0", segment: "client-lan", address: "10.1.0.1/24", mac: "02:00:00:00:00:51" },
        { name: "lan1", segment: "server-lan", address: "10.2.0.1/24", mac: "02:00:00:00:00:52" },
      ] },
      { id: "r2", kind: "router", interfaces: [
        { name: "lan0", segment: "client-lan", address: "10.1.0.2/24", mac: "02:00:00:00:00:61" },
        { name: "lan1", segment: "server-lan", address: "10.2.0.2/24", mac: "02:00:00:00:00:62" },
      ] },
      server("10.2.0.10/24", "10.2.0.2", "server-lan"),
    ],
    probes: [{ from: "client", to: "10.2.0.10", port: 80, srcPort: 40000 }],
  },
  {
    id: "clusterip-across-nodes", title: "ClusterIP: kube-proxy's DNAT on the client's node, endpoint on another node",
    nodes: [
      onLan(host("pod-a", "10.244.1.10/24", "02:00:00:00:01:0a", "10.244.1.1"), "node1-pods"),
      { id: "node1", kind: "router", interfaces: [
        { name: "cbr0", segment: "node1-pods", address: "10.244.1.1/24", mac: "02:00:00:00:01:01" },
        { name: "eth0", segment: "nodes", address: "10.0.0.1/24", mac: "02:00:00:00:01:02" },
      ], routes: ["10.244.2.0/24 via 10.0.0.2"], dnat: [{ ip: "10.96.0.10", port: 80, to: "10.244.2.10", toPort: 8080 }] },
      { id: "node2", kind: "router", interfaces: [
        { name: "eth0", segment: "nodes", address: "10.0.0.2/24", mac: "02:00:00:00:02:02" },
        { name: "cbr0", segment: "node2-pods", address: "10.244.2.1/24", mac: "02:00:00:00:02:01" },
      ], routes: ["10.244.1.0/24 via 10.0.0.1"] },
      onLan(host("pod-b", "10.244.2.10/24", "02:00:00:00:02:0a", "10.244.2.1", { listens: [8080] }), "node2-pods"),
    ],
    probes: [{ from: "pod-a", to: "10.96.0.10", port: 80, srcPort: 40000 }],
  },
  asymmetricTtl("outgoing"),
  asymmetricTtl("incoming"),
  clusterIpOneNode(true),
  {
    // The pod bridge is a plain bridge (bridge-nf-call-iptables=0): the endpoint's reply is bridged
    // straight to the client and never meets the node's conntrack. Redirects are off on the node,
    // as the simulator sends none (the node routes the DNATed SYN back out of the interface it came in by).
    id: "clusterip-one-node", title: "ClusterIP on one node without bridge netfilter: the untranslated SYN-ACK is answered with RST",
    nodes: [
      onLan(host("pod-a", "10.244.1.10/24", "02:00:00:00:01:0a", "10.244.1.1"), "node1-pods"),
      { id: "node1", kind: "router", interfaces: [
        { name: "cbr0", segment: "node1-pods", address: "10.244.1.1/24", mac: "02:00:00:00:01:01" },
      ], dnat: [{ ip: "10.96.0.10", port: 80, to: "10.244.1.11", toPort: 8080 }], sysctls: ["net.ipv4.conf.all.send_redirects=0", "net.ipv4.conf.cbr0.send_redirects=0"] },
      onLan(host("pod-b", "10.244.1.11/24", "02:00:00:00:01:0b", "10.244.1.1", { listens: [8080] }), "node1-pods"),
    ],
    // Shorter than the client's one-second SYN retransmission: the case is the first exchange.
    probes: [{ from: "pod-a", to: "10.96.0.10", port: 80, srcPort: 40000, timeoutMs: 700 }],
  },
];
