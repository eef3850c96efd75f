/**
 * Builds a kernel case in Linux network namespaces: one namespace per node, one per link (a
 * bridge every member joins by a veth pair), the case's MACs, addresses, routes and iptables NAT
 * rules, TCP servers, and a tcpdump on every bridge. Traffic never leaves these namespaces, and
 * `teardown` removes every one of them (the runner calls it in `finally` and on signals).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { KernelCase, ProbeSpec } from "./model";

export interface Lab {
  readonly prefix: string;
  readonly dir: string;
  readonly namespaces: string[];
  readonly processes: ChildProcess[];
  /** segment id -> pcap file */
  readonly captures: Map<string, string>;
  nodeNs(id: string): string;
}

function run(cmd: string, args: readonly string[], input?: string): string {
  return execFileSync(cmd, args, { encoding: "utf8", input, stdio: ["pipe", "pipe", "pipe"] });
}

function inNs(ns: string, cmd: string, ...args: string[]): string {
  return run("ip", ["netns", "exec", ns, cmd, ...args]);
}

/** Why namespaces cannot be used here, or null when they can. */
export function unavailable(): string | null {
  if (process.platform !== "linux") return `not Linux (${process.platform})`;
  if (typeof process.getuid === "function" && process.getuid() !== 0) return "not running as root (network namespaces need CAP_SYS_ADMIN)";
  for (const tool of ["ip", "iptables", "conntrack", "tcpdump"]) {
    try {
      run("sh", ["-c", `command -v ${tool}`]);
    } catch {
      return `${tool} is not installed (apt-get install iproute2 iptables conntrack tcpdump)`;
    }
  }
  const probe = `hkprobe${process.pid}`;
  try {
    run("ip", ["netns", "add", probe]);
    run("ip", ["netns", "del", probe]);
  } catch (e) {
    return `ip netns add failed: ${(e as Error).message.split("\n")[0]}`;
  }
  return null;
}

const sysctl = (ns: string, setting: string) => {
  try {
    inNs(ns, "sysctl", "-qw", setting);
  } catch {
    // Not every kernel has every knob (e.g. IPv6 compiled out); none of them is essential.
  }
};

function addNs(lab: Lab, ns: string): void {
  run("ip", ["netns", "add", ns]);
  lab.namespaces.push(ns);
  run("ip", ["-n", ns, "link", "set", "lo", "up"]);
  sysctl(ns, "net.ipv6.conf.all.disable_ipv6=1");
  sysctl(ns, "net.ipv6.conf.default.disable_ipv6=1");
}

/** Waits until a child prints `marker` (on stdout or stderr), or fails after `ms`. */
function waitFor(child: ChildProcess, marker: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`timed out waiting for "${marker}" (got: ${seen.trim()})`)), ms);
    const look = (d: Buffer) => {
      seen += d.toString();
      if (seen.includes(marker)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", look);
    child.stderr?.on("data", look);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (!seen.includes(marker)) reject(new Error(`exited (${code}) before "${marker}": ${seen.trim()}`));
    });
  });
}

const SERVER = `
const net = require("net");
const s = net.createServer((c) => { c.on("data", () => {}); c.on("end", () => c.end()); c.on("error", () => {}); });
s.listen(Number(process.argv[1]), () => console.log("ready"));
`;

const CLIENT = `
const net = require("net");
const [host, port, localPort, timeout] = process.argv.slice(1).map((x, i) => (i === 0 ? x : Number(x)));
const c = net.connect({ host, port, localPort });
c.on("connect", () => c.end());
c.on("data", () => {});
c.on("close", () => process.exit(0));
c.on("error", (e) => { console.log(e.code); process.exit(1); });
// Node runs expired timers before it polls sockets: a client that gets the CPU late would see its
// timer before an error already waiting on the socket. Deciding on the next turn lets that error in.
setTimeout(() => setImmediate(() => { console.log("timeout"); process.exit(2); }), timeout);
`;

/** Creates the namespaces, links, addresses, routes, NAT rules and servers of a case, and starts the captures. */
export async function build(c: KernelCase): Promise<Lab> {
  const prefix = `hk${process.pid}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hopwise-kernel-${c.id}-`));
  const lab: Lab = { prefix, dir, namespaces: [], processes: [], captures: new Map(), nodeNs: (id) => `${prefix}-${id}` };
  const segments = [...new Set(c.nodes.flatMap((n) => n.interfaces.map((i) => i.segment)))];
  // A segment is a bridge in a switch namespace of its own, or one a node runs (a pod bridge).
  const hosted = new Map<string, { ns: string; dev: string }>();
  for (const n of c.nodes) {
    if (!n.bridge) continue;
    const i = n.interfaces.find((x) => x.name === n.bridge!.iface)!;
    hosted.set(i.segment, { ns: lab.nodeNs(n.id), dev: i.name });
  }
  const switchNs = (seg: string) => hosted.get(seg)?.ns ?? `${prefix}-sw-${seg}`;
  const bridgeDev = (seg: string) => hosted.get(seg)?.dev ?? "br0";
  for (const n of c.nodes) {
    const ns = lab.nodeNs(n.id);
    addNs(lab, ns);
    if (!n.bridge) continue;
    const i = n.interfaces.find((x) => x.name === n.bridge!.iface)!;
    // br_netfilter's switch is per namespace: on, bridged frames pass this node's iptables and conntrack.
    inNs(ns, "sysctl", "-qw", `net.bridge.bridge-nf-call-iptables=${n.bridge.netfilter ? 1 : 0}`);
    run("ip", ["-n", ns, "link", "add", i.name, "type", "bridge"]);
    run("ip", ["-n", ns, "link", "set", i.name, "address", i.mac.toLowerCase()]);
    run("ip", ["-n", ns, "addr", "add", i.address, "dev", i.name]);
    run("ip", ["-n", ns, "link", "set", i.name, "up"]);
  }
  for (const seg of segments.filter((s) => !hosted.has(s))) {
    const ns = switchNs(seg);
    addNs(lab, ns);
    sysctl(ns, "net.bridge.bridge-nf-call-iptables=0");
    run("ip", ["-n", ns, "link", "add", "br0", "type", "bridge"]);
    run("ip", ["-n", ns, "link", "set", "br0", "up"]);
  }
  let port = 0;
  for (const n of c.nodes) {
    const ns = lab.nodeNs(n.id);
    sysctl(ns, `net.ipv4.ip_forward=${n.kind === "router" ? 1 : 0}`);
    if (n.initialTtl) sysctl(ns, `net.ipv4.ip_default_ttl=${n.initialTtl}`);
    for (const i of n.interfaces) {
      if (n.bridge?.iface === i.name) continue;
      const peer = `p${port++}`;
      run("ip", ["link", "add", "name", i.name, "netns", ns, "type", "veth", "peer", "name", peer, "netns", switchNs(i.segment)]);
      run("ip", ["-n", ns, "link", "set", i.name, "address", i.mac.toLowerCase()]);
      run("ip", ["-n", ns, "addr", "add", i.address, "dev", i.name]);
      run("ip", ["-n", ns, "link", "set", i.name, "up"]);
      run("ip", ["-n", switchNs(i.segment), "link", "set", peer, "master", bridgeDev(i.segment), "up"]);
    }
    inNs(ns, "sysctl", "-qw", `net.ipv4.icmp_errors_use_inbound_ifaddr=${n.icmpErrorSource === "incoming" ? 1 : 0}`);
    for (const setting of n.sysctls ?? []) inNs(ns, "sysctl", "-qw", setting);
    for (const r of n.routes ?? []) run("ip", ["-n", ns, "route", "add", ...r.split(" ")]);
    for (const s of n.snat ?? []) {
      for (const proto of ["tcp", "udp"]) {
        const from = s.from ? ["-s", s.from] : [];
        inNs(ns, "iptables", "-t", "nat", "-A", "POSTROUTING", "-o", s.out, ...from, "-p", proto, "-j", "SNAT", "--to-source", `${s.to}:${s.ports.first}-${s.ports.last}`);
      }
    }
    for (const d of n.dnat ?? []) {
      inNs(ns, "iptables", "-t", "nat", "-A", "PREROUTING", "-d", d.ip, "-p", "tcp", "--dport", String(d.port), "-j", "DNAT", "--to-destination", `${d.to}:${d.toPort}`);
    }
    for (const p of n.listens ?? []) {
      const server = spawn("ip", ["netns", "exec", ns, process.execPath, "-e", SERVER, String(p)], { stdio: ["ignore", "pipe", "pipe"] });
      lab.processes.push(server);
      await waitFor(server, "ready", 5000);
    }
  }
  await waitForLinks(lab, 10_000);
  for (const seg of segments) {
    const file = path.join(dir, `${seg}.pcap`);
    const dump = spawn("ip", ["netns", "exec", switchNs(seg), "tcpdump", "-i", bridgeDev(seg), "--immediate-mode", "-U", "-n", "-Z", "root", "-w", file, "arp or (ip and not igmp)"], { stdio: ["ignore", "pipe", "pipe"] });
    lab.processes.push(dump);
    await waitFor(dump, "listening on", 5000);
    lab.captures.set(seg, file);
  }
  return lab;
}

interface LinkState {
  readonly ifname: string;
  readonly operstate: string;
  readonly qdisc?: string;
  readonly linkinfo?: { readonly info_slave_data?: { readonly state?: string } };
}

/** Why a link may not carry a frame yet, or null when it can. */
export function linkNotReady(link: LinkState): string | null {
  if (link.ifname === "lo") return null;
  if (link.operstate !== "UP") return `${link.ifname} is ${link.operstate}`;
  // Until the kernel's link watcher has run for a link whose carrier just came up, its queue is
  // the "noop" one, which drops every frame it is given.
  if (link.qdisc === "noop") return `${link.ifname} still has the noop queue`;
  const portState = link.linkinfo?.info_slave_data?.state;
  if (portState !== undefined && portState !== "forwarding") return `bridge port ${link.ifname} is ${portState}`;
  return null;
}

/**
 * Waits until every link of the lab can carry a frame. A new veth's carrier comes up at once,
 * but the kernel activates its queue and the bridge's port from a work queue (rate-limited, and
 * late on a loaded machine); a probe sent before then loses its first frame, and the ARP or SYN
 * retransmitted a second later shows up as a difference that is only the lab's.
 */
async function waitForLinks(lab: Lab, ms: number): Promise<void> {
  const started = Date.now();
  let first: readonly string[] | null = null;
  for (;;) {
    const waiting = lab.namespaces.flatMap((ns) =>
      (JSON.parse(run("ip", ["-n", ns, "-j", "-d", "link", "show"])) as LinkState[])
        .map(linkNotReady)
        .filter((why): why is string => why !== null)
        .map((why) => `${ns}: ${why}`),
    );
    first ??= waiting;
    if (waiting.length === 0) {
      const waited = Date.now() - started;
      if (first.length > 0) console.log(`  (links ready after ${waited} ms; at first: ${first.slice(0, 3).join(", ")}${first.length > 3 ? ` and ${first.length - 3} more` : ""})`);
      return;
    }
    if (Date.now() - started > ms) throw new Error(`links not ready after ${ms} ms: ${waiting.join("; ")}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Runs one probe: a TCP connect from the client's namespace, closed as soon as it is open. */
export function probe(lab: Lab, p: ProbeSpec, timeoutMs: number): string {
  const ns = lab.nodeNs(p.from);
  if (p.ttl !== undefined) sysctl(ns, `net.ipv4.ip_default_ttl=${p.ttl}`);
  try {
    return inNs(ns, process.execPath, "-e", CLIENT, p.to, String(p.port), String(p.srcPort), String(timeoutMs)).trim() || "closed";
  } catch (e) {
    return ((e as { stdout?: string }).stdout ?? "").trim() || "failed";
  } finally {
    if (p.ttl !== undefined) sysctl(ns, "net.ipv4.ip_default_ttl=64");
  }
}

/** `conntrack -L` in a node's namespace, one line per entry. */
export function conntrackList(lab: Lab, node: string): string[] {
  try {
    return inNs(lab.nodeNs(node), "conntrack", "-L").split("\n").filter((l) => l.trim() !== "");
  } catch {
    return [];
  }
}

/** Stops the captures (so the pcap files are complete). */
export async function stopCaptures(lab: Lab): Promise<void> {
  await new Promise((r) => setTimeout(r, 200));
  for (const p of lab.processes) if (p.exitCode === null) p.kill("SIGINT");
  await Promise.all(lab.processes.map((p) => (p.exitCode !== null ? null : new Promise((r) => p.once("exit", r)))));
}

/** Kills what the lab started and deletes its namespaces and files; safe to call twice. */
export function teardown(lab: Lab): void {
  for (const p of lab.processes) if (p.exitCode === null && p.signalCode === null) p.kill("SIGKILL");
  for (const ns of lab.namespaces.splice(0).reverse()) {
    try {
      run("ip", ["netns", "del", ns]);
    } catch {
      // already gone
    }
  }
  fs.rmSync(lab.dir, { recursive: true, force: true });
}
