/** The simulator's full trace, flow by flow, for the interviewer: each event's node and what the packet looked like. */
import { packetField } from "@/lib/engine/fields";
import type { Trace, TraceEvent } from "@/lib/engine/trace-types";
import styles from "./interview.module.css";

function summary(e: TraceEvent): string {
  if (e.type === "hop") {
    const f = (name: string) => packetField(e.packet, name) ?? "";
    const ports = f("l4.srcPort") ? `:${f("l4.srcPort")} → ${f("ip.dst")}:${f("l4.dstPort")}` : ` → ${f("ip.dst")}`;
    return `${e.label}: ${f("ip.src")}${ports} ttl ${f("ip.ttl")}`;
  }
  return `${e.type}: ${e.reason}`;
}

export function TrueTrace({ trace }: { trace: Trace }) {
  return (
    <section className={styles.panel} aria-labelledby="trace-title" data-testid="true-trace">
      <h2 id="trace-title">True trace</h2>
      {trace.flows.map((flow) => (
        <details key={flow.id} open={trace.flows.length === 1}>
          <summary>{flow.title} · {flow.outcome.disposition} at {flow.outcome.node}</summary>
          <table className={styles.table}>
            <tbody>{flow.events.map((e) => <tr key={e.index}><td>{e.node}</td><td>{summary(e)}</td></tr>)}</tbody>
          </table>
        </details>
      ))}
    </section>
  );
}
