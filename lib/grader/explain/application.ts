/** Application-layer fields: TLS SNI, HTTP Host and proxy headers, DNS question and answer. */
import type { DnsEvent, StepEvent, TraceEvent } from "../../engine/trace-types";
import { join, protocolRule, type ExplainInput, type Explanation } from "./context";

/** The URL the user typed, from the flow's URL-parsing step before the event. */
function typedUrl(input: ExplainInput): StepEvent | null {
  const before = input.event ? input.event.index : Infinity;
  const steps = input.flow.events.filter((e): e is StepEvent => e.type === "step" && e.protocol === "URL" && e.index < before);
  return steps[steps.length - 1] ?? null;
}

function fromUrl(input: ExplainInput): string {
  const url = typedUrl(input);
  return url ? `the host name from the URL typed (${url.title.replace(/^Parse /, "")})` : "the host name the client is connecting to";
}

function dnsEvents(input: ExplainInput): DnsEvent[] {
  const before = input.event ? input.event.index : Infinity;
  return input.flow.events.filter((e): e is DnsEvent => e.type === "dns" && e.index <= before);
}

function header(e: TraceEvent | null, name: string): string | null {
  if (!e || !("packet" in e) || !e.packet?.app || e.packet.app.protocol === "DNS" || !("headers" in e.packet.app)) return null;
  return e.packet.app.headers.find(([k]) => k === name)?.[1] ?? null;
}

export function explainApplication(input: ExplainInput): Explanation {
  const { field, expected: v } = input.blank;
  const node = input.nodeLabel(input.blank.node);
  switch (field) {
    case "tls.sni":
      return { reason: join(`SNI ${v} is ${fromUrl(input)}`, "the client sends it unencrypted in the ClientHello so that a server with many names can pick the right certificate"), provenance: protocolRule("RFC 6066 3: server_name extension") };
    case "http.host":
      return { reason: join(`Host ${v} is ${fromUrl(input)}`, "one address can serve many sites, so the request names the site it wants"), provenance: protocolRule("RFC 9110 7.2: Host and :authority") };
    case "dns.question": {
      const search = dnsEvents(input).filter((e) => e.step === "search-domain").pop();
      return { reason: join(`The query asks for the name ${v}`, search ? search.reason : "the resolver is asked for exactly the name the application looked up"), provenance: protocolRule("RFC 1034 4.3: a query names one domain name and type") };
    }
    case "dns.answer": {
      const answer = dnsEvents(input).filter((e) => e.step === "answer").pop();
      return { reason: join(`${v} is the A record for the name queried`, answer ? answer.reason : "the server answers with the address it holds for the name"), provenance: answer?.provenance ?? protocolRule("RFC 1035: an A record holds an IPv4 address") };
    }
    case "dns.rcode":
      return { reason: join(`Response code ${v}`, v === "NXDOMAIN" ? "the authoritative server says the name does not exist" : "NOERROR: the name exists and the answer section holds its records"), provenance: protocolRule("RFC 1035 4.1.1: RCODE") };
    case "http.header:x-forwarded-for":
    case "http.header:cf-connecting-ip":
      return { reason: join(`${v} is the client's address as ${node} received the connection`, "the proxy adds it because the origin otherwise sees only the proxy's own address"), provenance: protocolRule("X-Forwarded-For / CF-Connecting-IP: the address the proxy's connection came from") };
    case "http.header:cf-ipcountry": {
      const client = header(input.event, "cf-connecting-ip") ?? header(input.event, "x-forwarded-for");
      return { reason: join(`${v} is the country ${node} looks up for the client's address${client ? ` ${client}` : ""} in its geo-IP database`), provenance: protocolRule("CF-IPCountry: geo-IP of the connecting address") };
    }
    case "http.header:cf-cache-status": {
      const cache = input.flow.events.filter((e) => e.type === "cache" && e.node === input.blank.node && e.index < (input.event?.index ?? Infinity)).pop();
      return { reason: join(`${v} is the edge cache's verdict for this request`, cache ? cache.reason : "HIT: served from cache; MISS: fetched from the origin; DYNAMIC: not cacheable"), provenance: cache && "provenance" in cache ? cache.provenance : protocolRule("CF-Cache-Status") };
    }
    default: {
      const what = field.startsWith("http.header:") ? `the ${field.slice("http.header:".length)} header` : field === "http.status" ? "the status code" : field === "http.method" ? "the request method" : field === "http.path" ? "the request path" : field;
      return { reason: join(`${v} is ${what} as ${node} sends it in this request or response`, input.event?.reason), provenance: protocolRule("RFC 9110: HTTP semantics") };
    }
  }
}
