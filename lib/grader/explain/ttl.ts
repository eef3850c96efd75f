/** TTL: the sender's initial TTL (its operating system's default) minus one per router crossed. */
import { decisionOf, join, protocolRule, symbolOf, type ExplainInput, type Explanation } from "./context";

const OS_NAMES: Readonly<Record<string, string>> = { linux: "Linux", windows: "Windows", macos: "macOS", cisco: "Cisco IOS" };

/** "initial TTL of laptop (linux default)" -> { who: "laptop", os: "Linux" }. */
function initialOf(label: string): { who: string; os: string | null } {
  const m = /^initial TTL of (\S+)(?: \((\w+) default\))?/.exec(label);
  if (!m) return { who: "the sender", os: null };
  return { who: m[1]!, os: m[2] ? OS_NAMES[m[2]] ?? m[2] : null };
}

export function explainTtl(input: ExplainInput): Explanation {
  const v = Number(input.blank.expected);
  const ref = symbolOf(input, "ip.ttl");
  const provenance = protocolRule("RFC 791: the sender sets the initial TTL; every router decrements it by one");
  const perRouter = "each router that forwards the packet subtracts one (and drops it at zero)";
  if (ref) {
    const initial = Number(ref.symbol.value);
    const routers = initial - v;
    const { who, os } = initialOf(ref.symbol.label);
    const start = `${initial} is ${who}'s initial TTL${os ? ` (${os}'s default)` : ""}`;
    if (routers <= 0) return { reason: join(`TTL ${v}: ${start}, and no router has forwarded the packet yet`, perRouter), provenance };
    return { reason: join(`TTL ${v} = ${initial} - ${routers}: ${start}, minus one for ${routers === 1 ? "the router" : `each of the ${routers} routers`} it has crossed`, perRouter), provenance };
  }
  const ttl = decisionOf(input.event, "ttl");
  const from = ttl ? /TTL (\d+) ->/.exec(ttl.reason)?.[1] : undefined;
  if (from) return { reason: join(`TTL ${v} = ${from} - 1: the packet arrived with ${from}, and ${perRouter}; its sender started from its initial TTL`), provenance };
  return { reason: join(`TTL ${v}: the sender's initial TTL, as it set it`, perRouter), provenance };
}
