/**
 * Finding answers where they must not be: the expected values of asked blanks, searched for as
 * whole tokens in whatever reached the browser, except where the learner is shown them anyway (the
 * story, a context cell, an address or MAC on the diagram).
 *
 * Only distinctive values are checked: addresses, sockets and their parts, MACs, host names,
 * sequence numbers and ports of 3+ digits. Short numbers (a TTL of 63, a port of 53, an ack of 1)
 * turn up by accident in any text, such as a coordinate of the diagram or a count, and matching
 * them would prove nothing either way.
 */
import type { KeyBlank } from "../../lib/grader/types";

export const DISTINCTIVE_KINDS = new Set(["ipv4", "socket", "nat-entry", "mac", "hostname", "u32", "port", "header"]);

/**
 * The values of a blank worth looking for: the whole answer and its parts, if distinctive. In code
 * (scripts, stylesheets) short numbers are everywhere (HTTP 301, port 443 in URL handling), so
 * there a number needs `minDigits` digits to count.
 */
export function distinctiveValues(blank: KeyBlank, minDigits = 3): string[] {
  if (!DISTINCTIVE_KINDS.has(blank.kind)) return [];
  const candidates = [blank.expected, ...blank.parts.map((p) => p.expected)];
  return [...new Set(candidates)].filter((v) => {
    if (/^\d+$/.test(v)) return v.length >= minDigits;
    if (/^\d+\.\d+\.\d+\.\d+(:\d+)?$/.test(v)) return true;
    if (blank.kind === "header") return false; // free text (a country code, a cache status): not distinctive
    return v.length >= 4;
  });
}

export function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) { out.push(k); strings(v, out); }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
export const containsToken = (haystack: readonly string[], needle: string) => {
  const re = new RegExp(`(?<![\\w.])${escape(needle)}(?!\\w|\\.\\w)`, "i");
  return haystack.some((s) => re.test(s));
};

export interface Context {
  readonly story: string;
  readonly cells: readonly string[];
  readonly diagram: readonly string[];
}

/** What the learner is shown as given facts. */
export function contextOf(data: { sheet: { story: string; flows: readonly { rows: readonly { context: readonly { value: string }[] }[] }[] } }, diagram: { nodes: readonly { addresses: readonly string[]; interfaces: readonly { address: string | null; mac: string }[] }[] }): Context {
  return {
    story: data.sheet.story,
    cells: data.sheet.flows.flatMap((f) => f.rows.flatMap((r) => r.context.map((c) => c.value))),
    diagram: diagram.nodes.flatMap((n) => [
      ...n.addresses, ...n.addresses.map((a) => a.split("/")[0]!),
      ...n.interfaces.flatMap((i) => [i.mac, ...(i.address ? [i.address, i.address.split("/")[0]!] : [])]),
    ]),
  };
}

/**
 * What an assessment question shows its student besides the story and diagram: the titles of
 * rows, the prompts of questions and the labels of blanks (a label such as "Public IP" is no answer).
 */
export function sheetLabels(sheet: { flows: readonly { rows: readonly { title: string; blanks: readonly { label: string }[] }[]; questions: readonly { prompt: string; blanks: readonly { label: string }[] }[] }[] }): string[] {
  return sheet.flows.flatMap((f) => [
    ...f.rows.flatMap((r) => [r.title, ...r.blanks.map((b) => b.label)]),
    ...f.questions.flatMap((x) => [x.prompt, ...x.blanks.map((b) => b.label)]),
  ]);
}

export function leaks(payload: unknown, blanks: readonly KeyBlank[], context: Context, minDigits = 3): string[] {
  const haystack = strings(payload);
  const given = [context.story, ...context.cells, ...context.diagram];
  const out: string[] = [];
  for (const blank of blanks) {
    for (const v of distinctiveValues(blank, minDigits)) {
      if (containsToken(haystack, v) && !containsToken(given, v)) out.push(`${blank.id} = ${v}`);
    }
  }
  return out;
}


/**
 * For the oracle tests: an attempt's blanks reduced to the values that are its variant's own
 * secrets. Left out: values every variant shares (`shared`: they belong to the scenario, and any
 * study variant shows them), values given as context, and a composite (a socket, a NAT entry) whose
 * distinctive parts are all given or shared (its ClusterIP is in the story and its port is 80).
 */
export function variantSecrets(blanks: readonly KeyBlank[], shared: readonly string[], context: Context): KeyBlank[] {
  const given = [context.story, ...context.cells, ...context.diagram];
  const known = (v: string) => containsToken(shared, v) || containsToken(given, v);
  const distinctive = (v: string) => /^\d+\.\d+\.\d+\.\d+$/.test(v) || (/^\d+$/.test(v) ? v.length >= 3 : v.length >= 4);
  return blanks.map((b) => {
    const parts = b.parts.filter((p) => !known(p.expected));
    const secretPart = parts.some((p) => distinctive(p.expected));
    return { ...b, expected: known(b.expected) || (b.parts.length > 1 && !secretPart) ? "" : b.expected, parts };
  });
}
