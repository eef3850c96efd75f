/**
 * Reads a scenario from YAML text: parse, validate against the strict schema, then compile the
 * seed-0 variant so that semantic mistakes (unknown references, malformed addresses) surface too.
 * Every problem names the file, the path inside it and the line. Nothing here throws.
 */
import { isCollection, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { instantiate } from "./compile";
import type { Path } from "./issues";
import { lineTooDeep, MAX_YAML_NESTING } from "./nesting";
import { ScenarioSchema, type ScenarioFile } from "./schema";

export interface ScenarioError {
  readonly file: string;
  /** e.g. "nodes[2].interfaces[0].address" */
  readonly path: string;
  readonly line: number | null;
  readonly message: string;
}

export type LoadResult = { readonly ok: true; readonly scenario: ScenarioFile } | { readonly ok: false; readonly errors: readonly ScenarioError[] };

const MAX_BYTES = 1_000_000;

/** "nodes[2].interfaces[0].address" */
export function formatPath(path: Path): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? String(p) : `.${String(p)}`;
  return out || "(top level)";
}

/** "content/x.yaml:12: nodes[2].address: ..." */
export function formatError(e: ScenarioError): string {
  return `${e.file}${e.line !== null ? `:${e.line}` : ""}: ${e.path}: ${e.message}`;
}

/** The line of the deepest node of `path` that exists in the document (1-based), or null. */
export function lineOf(doc: Document, counter: LineCounter, path: Path): number | null {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return counter.linePos(range[0]).line;
    if (depth === 0) break;
  }
  return null;
}

export type ZodIssue = z.core.$ZodIssue;

/** For a failed union, the branch that got furthest explains the problem best. */
export function flatten(issue: ZodIssue): ZodIssue[] {
  if (issue.code !== "invalid_union" || !("errors" in issue) || !Array.isArray(issue.errors) || issue.errors.length === 0) return [issue];
  const branches = issue.errors as ZodIssue[][];
  const depth = (b: ZodIssue[]) => Math.max(0, ...b.map((i) => i.path.length));
  const best = branches.reduce((a, b) => (depth(b) > depth(a) ? b : a));
  if (depth(best) === 0) return [issue];
  return best.flatMap((i) => flatten({ ...i, path: [...issue.path, ...i.path] } as ZodIssue));
}

/** Parses and validates one scenario file's text. */
export function loadScenarioText(text: string, file: string): LoadResult {
  if (text.length > MAX_BYTES) return { ok: false, errors: [{ file, path: "(file)", line: null, message: `the file is over ${MAX_BYTES} bytes` }] };
  const tooDeep = lineTooDeep(text);
  if (tooDeep !== null) return { ok: false, errors: [{ file, path: "(yaml)", line: tooDeep, message: `the document is nested or indented too deeply (over ${MAX_YAML_NESTING} levels)` }] };
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false, merge: true });
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((e) => ({ file, path: "(yaml)", line: counter.linePos(e.pos[0]).line, message: e.message.split("\n")[0]! })) };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { ok: false, errors: [{ file, path: "(yaml)", line: null, message: (e as Error).message }] };
  }
  if (!isCollection(doc.contents)) return { ok: false, errors: [{ file, path: "(top level)", line: 1, message: "a scenario is a YAML mapping (id, title, segments, nodes, flows, ...)" }] };
  const parsed = ScenarioSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap(flatten);
    return {
      ok: false,
      errors: issues.map((i) => {
        const path = i.path.filter((p): p is string | number => typeof p !== "symbol");
        // An unknown key is best shown on its own line, not on the line of the object holding it.
        const at = i.code === "unrecognized_keys" && i.keys.length > 0 ? [...path, i.keys[0]!] : path;
        return { file, path: formatPath(path), line: lineOf(doc, counter, at), message: i.message };
      }),
    };
  }
  const compiled = instantiate(parsed.data, 0);
  if (!compiled.ok) {
    return { ok: false, errors: compiled.issues.map((i) => ({ file, path: formatPath(i.path), line: lineOf(doc, counter, i.path), message: i.message })) };
  }
  return { ok: true, scenario: parsed.data };
}
