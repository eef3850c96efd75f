/**
 * `npm run test:kernel`: builds each case of cases.ts in Linux network namespaces, runs its probes,
 * captures every link with tcpdump, reads conntrack, and compares all of it with the simulator's
 * trace of the same case (compare.ts). Prints a table per case; exits 1 on any difference not
 * declared in lib/engine/simplifications.ts, 0 otherwise, and 0 with a message when namespaces
 * are not available here (not root, not Linux, tools missing).
 *   npm run test:kernel [-- --only home-nat,double-nat]
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { simulateInput } from "../../lib/simulate";
import { declaredFor } from "../../lib/engine/simplifications";
import { CASES } from "./cases";
import { compareLink, conntrackNat, conntrackState, dropRetransmissions, kernelFrames, mergeCloseAcks, natMatches, rows, simulatedFrames, simulatedNat, simulatedStates, summary, type Difference } from "./compare";
import { simulationInput, type KernelCase } from "./model";
import { build, conntrackList, probe, stopCaptures, teardown, unavailable, type Lab } from "./netns";
import { parsePcap } from "./pcap";

/**
 * What the lab's client reports for the simulator's outcome of a probe: connected and closed, an
 * ICMP error (time exceeded: EHOSTUNREACH), a refused port, or nothing at all (a reset stray
 * SYN-ACK leaves the client's SYN unanswered). Other outcomes are not compared.
 */
const KERNEL_OUTCOME: Readonly<Record<string, string>> = {
  DELIVERED: "closed", TTL_EXCEEDED: "EHOSTUNREACH", PORT_CLOSED: "ECONNREFUSED", REPLY_ADDRESS_MISMATCH: "timeout",
};

interface CaseResult {
  readonly id: string;
  readonly failures: readonly Difference[];
  readonly declared: readonly (Difference & { simplification: string })[];
  /** The differences of a first run that a second run in a fresh lab did not show. */
  readonly firstRun?: readonly Difference[];
}

let current: Lab | null = null;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (current) teardown(current);
    process.exit(130);
  });
}

function pad(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n);
}

async function runCase(c: KernelCase): Promise<CaseResult> {
  const trace = simulateInput(simulationInput(c), { seed: 0 });
  const macToLink = new Map(c.nodes.flatMap((n) => n.interfaces.map((i) => [i.mac.toUpperCase(), i.segment] as const)));
  const lab = await build(c);
  current = lab;
  const outcomes: string[] = [];
  const nat: { node: string; lines: string[] }[] = [];
  try {
    for (const p of c.probes) {
      outcomes.push(probe(lab, p, p.timeoutMs ?? (p.ttl !== undefined ? 900 : 2000)));
      await new Promise((r) => setTimeout(r, 150));
    }
    for (const n of c.nodes) if (n.snat?.length || n.dnat?.length) nat.push({ node: n.id, lines: conntrackList(lab, n.id) });
    await stopCaptures(lab);
    const sim = rows(simulatedFrames(trace, macToLink));
    const failures: Difference[] = [];
    const declared: CaseResult["declared"][number][] = [];
    const note = (d: Difference) => {
      const s = declaredFor(c.id, d);
      if (s) declared.push({ ...d, simplification: s.id });
      else failures.push(d);
    };
    console.log(`\n## ${c.id}: ${c.title}`);
    c.probes.forEach((p, i) => {
      const sim = trace.flows[i]?.outcome.disposition ?? "(none)";
      const want = KERNEL_OUTCOME[sim];
      if (want !== undefined && outcomes[i] !== want) note({ link: "outcome", index: i, field: "outcome", sim: `${sim} (kernel: ${want})`, kernel: outcomes[i]! });
    });
    console.log(`probes: ${c.probes.map((p, i) => `${p.from} -> ${p.to}:${p.port}${p.ttl ? ` ttl ${p.ttl}` : ""} = ${outcomes[i]} (simulator: ${trace.flows[i]?.outcome.disposition})`).join("; ")}`);
    if (c.framesNotCompared) console.log(`  (frames not compared: ${c.framesNotCompared})`);
    for (const [link, file] of c.framesNotCompared ? [] : lab.captures) {
      const bytes = fs.readFileSync(file);
      if (process.env.KERNEL_DEBUG) console.log(`  (${file}: ${bytes.length} bytes, ${parsePcap(bytes).length} frames)`);
      const once = dropRetransmissions(kernelFrames(link, parsePcap(bytes)));
      if (once.dropped > 0) console.log(`  (${link}: ${once.dropped} retransmitted segment(s) left out: the lab's start-up timing, see dropRetransmissions)`);
      const close = mergeCloseAcks(once.frames);
      const kernel = rows(close.frames);
      for (let m = 0; m < close.merged; m++) note({ link, index: -1, field: "tcp-close", sim: "FIN-ACK", kernel: "ACK, then FIN-ACK" });
      const mine = sim.filter((r) => r.link === link);
      const diffs = compareLink(link, mine, kernel);
      console.log(`\n  link ${link}`);
      console.log(`  ${pad("#", 3)} ${pad("simulator", 80)} ${pad("kernel", 80)} result`);
      for (let i = 0; i < Math.max(mine.length, kernel.length); i++) {
        const here = diffs.filter((d) => d.index === i);
        const verdict = here.length === 0 ? "same" : here.map((d) => (declaredFor(c.id, d) ? `declared(${d.field})` : `DIFF(${d.field})`)).join(" ");
        console.log(`  ${pad(String(i), 3)} ${pad(mine[i] ? summary(mine[i]!) : "(none)", 80)} ${pad(kernel[i] ? summary(kernel[i]!) : "(none)", 80)} ${verdict}`);
      }
      diffs.forEach(note);
    }
    const simNat = simulatedNat(trace);
    const simStates = simulatedStates(trace);
    for (const { node, lines } of nat) {
      const kernelNat = lines.map(conntrackNat).filter((x): x is string => x !== null);
      const mine = simNat.filter((e) => e.node === node);
      console.log(`\n  conntrack on ${node}`);
      for (const e of mine) {
        const at = kernelNat.findIndex((k) => natMatches(e, k));
        const hit = at >= 0 ? kernelNat[at] : undefined;
        console.log(`    simulator ${pad(e.text, 80)} kernel ${hit ?? "(missing)"}`);
        if (!hit) note({ link: `conntrack ${node}`, index: 0, field: "nat", sim: e.text, kernel: kernelNat.join(" | ") || "(none)" });
        // The entry's state after the flow (TIME_WAIT after a closed connection), and its timer.
        const simState = simStates.get(`${node} ${e.text}`);
        const line = hit ? lines.filter((l) => conntrackNat(l) !== null)[at] : undefined;
        if (simState && line) {
          const k = conntrackState(line);
          console.log(`    state     ${pad(`${simState.state}, ${simState.timeoutS} s left`, 80)} kernel ${k.state}, ${k.timeoutS} s left`);
          if (k.state !== simState.state) note({ link: `conntrack ${node}`, index: 0, field: "state", sim: simState.state, kernel: k.state });
          // The kernel is read a moment after the last packet: its timer may have ticked a few seconds.
          else if (k.timeoutS > simState.timeoutS || k.timeoutS < simState.timeoutS - 5) note({ link: `conntrack ${node}`, index: 0, field: "timeout", sim: `${simState.timeoutS} s`, kernel: `${k.timeoutS} s` });
        }
      }
      for (const k of kernelNat.filter((k) => !mine.some((e) => natMatches(e, k)))) {
        console.log(`    simulator ${pad("(none)", 80)} kernel ${k}`);
        note({ link: `conntrack ${node}`, index: 0, field: "nat", sim: "(none)", kernel: k });
      }
    }
    return { id: c.id, failures, declared };
  } finally {
    teardown(lab);
    current = null;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { only: { type: "string" } } });
  const why = unavailable();
  if (why) {
    console.log(`test:kernel SKIPPED: network namespaces are not available here (${why}).`);
    return 0;
  }
  const only = values.only?.split(",");
  const cases = only ? CASES.filter((c) => only.includes(c.id)) : CASES;
  if (only && cases.length !== only.length) {
    console.error(`unknown case in --only; cases: ${CASES.map((c) => c.id).join(", ")}`);
    return 2;
  }
  const results: CaseResult[] = [];
  const bridgeNf = fs.existsSync("/proc/sys/net/bridge/bridge-nf-call-iptables");
  for (const c of cases) {
    if (c.nodes.some((n) => n.bridge?.netfilter) && !bridgeNf) {
      console.log(`\n## ${c.id}: SKIPPED: bridge netfilter is not available here (no /proc/sys/net/bridge: load it with \`modprobe br_netfilter\` on the host)`);
      continue;
    }
    let result = await runCase(c);
    if (result.failures.length > 0) {
      // New veth links sometimes answer their first packet late (a SYN retransmitted, a TTL probe's
      // ICMP error after the probe gave up): one fresh lab tells that apart from a real difference.
      console.log(`\n## ${c.id}: ${result.failures.length} difference(s); running it again in a fresh lab`);
      const again = await runCase(c);
      result = again.failures.length === 0 ? { ...again, firstRun: result.failures } : again;
    }
    results.push(result);
  }
  console.log("\n## Summary");
  for (const r of results) {
    console.log(`  ${pad(r.id, 26)} ${r.failures.length === 0 ? "PASS" : "FAIL"}  ${r.failures.length} difference(s), ${r.declared.length} declared simplification(s)${r.declared.length ? `: ${[...new Set(r.declared.map((d) => d.simplification))].join(", ")}` : ""}`);
    for (const f of r.failures) console.log(`      ${f.link} #${f.index} ${f.field}: simulator ${f.sim} / kernel ${f.kernel}`);
    for (const f of r.firstRun ?? []) console.log(`      (first run only, gone in a fresh lab) ${f.link} #${f.index} ${f.field}: simulator ${f.sim} / kernel ${f.kernel}`);
  }
  return results.every((r) => r.failures.length === 0) ? 0 : 1;
}

main().then((code) => process.exit(code), (e: unknown) => {
  if (current) teardown(current);
  console.error(`test:kernel failed to run: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
});
