import { readFileSync } from "node:fs";
import { loadScenarioText, formatError } from "../lib/scenario/load";
import { simulate } from "../lib/simulate";
const text = readFileSync(process.argv[2]!, "utf8");
const r = loadScenarioText(text, process.argv[2]!);
if (!r.ok) { for (const e of r.errors) console.log(formatError(e)); process.exit(1); }
const t = simulate(r.scenario, { seed: Number(process.argv[3] ?? 0) });
for (const f of t.flows) {
  console.log(`== ${f.id}: ${f.outcome.disposition} at ${f.outcome.node}: ${f.outcome.reason}`);
  for (const e of f.events) {
    if (e.type === "hop" || e.type === "deliver" || e.type === "drop") {
      const p = e.packet; const l4 = p.tcp ?? p.udp;
      console.log(`${String(e.t).padStart(8)} ${e.type.padEnd(7)} ${e.key.padEnd(36)} ${p.eth.src}>${p.eth.dst} ${p.ip?.src}:${l4?.srcPort} > ${p.ip?.dst}:${l4?.dstPort} ttl=${p.ip?.ttl} ${p.tcp ? p.tcp.flags.join(",")+" seq="+p.tcp.seq+" ack="+p.tcp.ack+" len="+p.tcp.payloadBytes : ""}${e.type==="drop" ? " "+e.disposition : ""}`);
    } else console.log(`${String(e.t).padStart(8)} ${e.type.padEnd(7)} ${e.key.padEnd(36)} ${e.reason.slice(0,140)}`);
  }
}
