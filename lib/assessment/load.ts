/**
 * Reads and writes assessment definition files (YAML), like the scenario files: parse, validate
 * against the strict schema, then (when the catalogue is given) check it. Every problem is reported
 * as `file:line: path: message` with the scenario loader's line mapping. Nothing here throws.
 * `exportAssessmentYaml` writes a file that `loadAssessmentText` reads back to an equal definition.
 */
import { isCollection, LineCounter, parseDocument, stringify } from "yaml";
import { flatten, formatError, formatPath, lineOf, type ScenarioError } from "../scenario/load";
import { checkAssessment } from "./check";
import { AssessmentSchema, type AssessmentDefinition } from "./schema";

/** One problem in a definition file; `formatAssessmentError` prints it as `file:line: path: message`. */
export type AssessmentFileError = ScenarioError;

export type AssessmentLoadResult =
  | { readonly ok: true; readonly definition: AssessmentDefinition; readonly warnings: readonly AssessmentFileError[] }
  | { readonly ok: false; readonly errors: readonly AssessmentFileError[]; readonly warnings: readonly AssessmentFileError[] };

const MAX_BYTES = 200_000;

/** "courses/net101/midterm.yaml:12: zones[1].choose: ..." */
export const formatAssessmentError: (e: AssessmentFileError) => string = formatError;

function fail(file: string, path: string, line: number | null, message: string): AssessmentLoadResult {
  return { ok: false, errors: [{ file, path, line, message }], warnings: [] };
}

/**
 * Parses and validates one definition file. With `knownScenarioIds` it also checks it against the
 * catalogue (`checkAssessment`): its errors fail the load, its warnings come back with the result.
 */
export function loadAssessmentText(text: string, file: string, knownScenarioIds?: Iterable<string>): AssessmentLoadResult {
  if (text.length > MAX_BYTES) return fail(file, "(file)", null, `the file is over ${MAX_BYTES} bytes`);
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false, merge: true });
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((e) => ({ file, path: "(yaml)", line: counter.linePos(e.pos[0]).line, message: e.message.split("\n")[0]! })), warnings: [] };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return fail(file, "(yaml)", null, (e as Error).message);
  }
  if (!isCollection(doc.contents)) return fail(file, "(top level)", 1, "an assessment is a YAML mapping (id, title, kind, zones, access, ...)");
  const parsed = AssessmentSchema.safeParse(data);
  if (!parsed.success) {
    const errors = parsed.error.issues.flatMap(flatten).map((i) => {
      const path = i.path.filter((p): p is string | number => typeof p !== "symbol");
      // An unknown key is best shown on its own line, not on the line of the object holding it.
      const at = i.code === "unrecognized_keys" && i.keys.length > 0 ? [...path, i.keys[0]!] : path;
      return { file, path: formatPath(path), line: lineOf(doc, counter, at), message: i.message };
    });
    return { ok: false, errors, warnings: [] };
  }
  if (knownScenarioIds === undefined) return { ok: true, definition: parsed.data, warnings: [] };
  const issues = checkAssessment(parsed.data, knownScenarioIds).map((i) => ({
    severity: i.severity,
    error: { file, path: formatPath(i.path), line: lineOf(doc, counter, i.path), message: i.message },
  }));
  const errors = issues.filter((i) => i.severity === "error").map((i) => i.error);
  const warnings = issues.filter((i) => i.severity === "warning").map((i) => i.error);
  return errors.length > 0 ? { ok: false, errors, warnings } : { ok: true, definition: parsed.data, warnings };
}

const HEADER = "# A Hopwise assessment definition: see docs/assessment-format.md\n";

/** The definition as a YAML file that `loadAssessmentText` reads back to an equal definition; throws on a definition the schema refuses (export only what was validated). */
export function exportAssessmentYaml(def: AssessmentDefinition): string {
  // Re-parsing first orders the keys as the schema does and fills defaults, so the file is stable.
  const canonical = AssessmentSchema.parse(def);
  return HEADER + stringify(canonical, { lineWidth: 0, indent: 2 });
}
