/** The route a lookup matched: of the entries whose prefix contains the destination, the longest wins. */
import { decisionOf, join, protocolRule, type ExplainInput, type Explanation } from "./context";

export function explainRoute(input: ExplainInput): Explanation {
  const v = input.blank.expected;
  const d = decisionOf(input.event, "route");
  const dst = input.event && "packet" in input.event ? input.event.packet?.ip?.dst : undefined;
  const provenance = d?.provenance ?? protocolRule("longest-prefix match (RFC 1812 5.2.4.3)");
  const length = v.split("/")[1] ?? "0";
  const candidates = d && d.provenance.kind === "route" ? d.provenance.candidates : [];
  const others = candidates.length > 1 ? ` Entries that match: ${candidates.join(", ")}.` : "";
  const why = length === "0"
    ? `${v} is the default route: it contains every address, and no more specific entry contains ${dst ?? "the destination"}, so it is the longest (and only) match`
    : `${v} contains ${dst ?? "the destination"} and is the longest matching prefix (/${length}), so it beats any shorter match such as the default route`;
  return { reason: `${join(`Route lookup for ${dst ?? "the destination"}${d && d.provenance.kind === "route" ? ` in ${d.provenance.table}` : ""}: ${why}`)}${others}`, provenance };
}
