/** A decision's provenance in words: the route entry, rule, table entry or protocol rule behind a value. */
import type { Provenance } from "@/lib/engine/trace-types";

export function describeProvenance(p: Provenance): { kind: string; text: string } {
  switch (p.kind) {
    case "route":
      return { kind: "Route entry", text: `${p.entry} (table ${p.table}${p.prefix ? `, matches ${p.prefix}` : ""})` };
    case "rule":
      return { kind: "Rule", text: `${p.rule} (${p.ruleset})` };
    case "table-entry":
      return { kind: p.table.toLowerCase().includes("nat") || p.table.toLowerCase().includes("conntrack") ? "NAT entry" : "Table entry", text: `${p.entry} (${p.table})` };
    case "protocol":
      return { kind: "Protocol rule", text: p.rule };
    case "config":
      return { kind: "Configuration", text: `${p.setting} on ${p.node}` };
  }
}
