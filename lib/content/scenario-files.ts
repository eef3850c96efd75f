/**
 * Scenario files on disk: read one (with a hash of its bytes, so a stored grading can tell which
 * version of the content it saw), list a directory, load them all, or find one by id or path.
 * This is the I/O shell around lib/scenario's pure loader; lib/engine and lib/grader never import it.
 * Nothing here throws for a content problem: missing files and bad YAML come back as errors
 * that name the file, like lib/scenario/load.ts does.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, type Dirent } from "node:fs";
import path from "node:path";
import { loadScenarioText, type ScenarioError } from "../scenario/load";
import type { ScenarioFile } from "../scenario/schema";

/** Where the scenarios live, relative to the repository root (the working directory of npm scripts). */
export const SCENARIO_DIR = "content/scenarios";

const EXTENSIONS = [".yaml", ".yml"];

export interface LoadedScenario {
  readonly ok: true;
  readonly scenario: ScenarioFile;
  /** sha256 of the file's bytes, lower-case hex. */
  readonly contentHash: string;
  /** The file's text (assessments keep it by hash, so an attempt can be re-simulated as it was taken). */
  readonly source: string;
  /** The path as it was given (or as listed), used in messages. */
  readonly file: string;
}

export interface FailedScenario {
  readonly ok: false;
  readonly file: string;
  readonly errors: readonly ScenarioError[];
}

export type ScenarioFileResult = LoadedScenario | FailedScenario;

export interface AllScenarios {
  /** Every file that loaded, in file-name order. */
  readonly loaded: readonly LoadedScenario[];
  /** Problems of every file that did not load, plus ids used by more than one file. */
  readonly errors: readonly ScenarioError[];
}

const fileError = (file: string, message: string): FailedScenario => ({ ok: false, file, errors: [{ file, path: "(file)", line: null, message }] });

/** A friendly sentence for a failed read, without the stack or the errno noise. */
function describeReadError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT": return "no such file";
    case "EISDIR": return "this is a directory, not a scenario file";
    case "EACCES": case "EPERM": return "permission denied";
    default: return `cannot read the file (${code ?? (e instanceof Error ? e.message : String(e))})`;
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** sha256 of some bytes, lower-case hex. */
export function contentHashOf(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Reads, validates and compiles (seed 0) one scenario file. Never throws. */
export function loadScenarioFile(file: string): ScenarioFileResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return fileError(file, describeReadError(e));
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return fileError(file, "the file is not valid UTF-8 text");
  }
  const result = loadScenarioText(text, file);
  if (!result.ok) return { ok: false, file, errors: result.errors };
  return { ok: true, scenario: result.scenario, contentHash: contentHashOf(bytes), source: text, file };
}

/** A directory that cannot be listed. */
export class ContentDirectoryError extends Error {
  constructor(readonly dir: string, reason: string) {
    super(`${dir}: ${reason}`);
    this.name = "ContentDirectoryError";
  }
}

/**
 * The scenario files (*.yaml, *.yml) under `dir`, subdirectories included, sorted by path.
 * Hidden files and directories are skipped. Throws ContentDirectoryError if `dir` cannot be read.
 */
export function listScenarioFiles(dir: string = SCENARIO_DIR): readonly string[] {
  const out: string[] = [];
  const walk = (at: string, top: boolean): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch (e) {
      if (top) throw new ContentDirectoryError(at, describeReadError(e).replace("no such file", "no such directory"));
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full, false);
      else if (entry.isFile() && EXTENSIONS.some((x) => entry.name.endsWith(x))) out.push(full);
    }
  };
  walk(dir, true);
  return out.sort();
}

/** Loads every scenario under `dir`. Never throws: an unreadable directory is reported as an error. */
export function loadAllScenarios(dir: string = SCENARIO_DIR): AllScenarios {
  let files: readonly string[];
  try {
    files = listScenarioFiles(dir);
  } catch (e) {
    return { loaded: [], errors: [{ file: dir, path: "(directory)", line: null, message: e instanceof ContentDirectoryError ? e.message.slice(dir.length + 2) : String(e) }] };
  }
  const loaded: LoadedScenario[] = [];
  const errors: ScenarioError[] = [];
  const byId = new Map<string, string>();
  for (const file of files) {
    const r = loadScenarioFile(file);
    if (!r.ok) {
      errors.push(...r.errors);
      continue;
    }
    const other = byId.get(r.scenario.id);
    if (other !== undefined) {
      errors.push({ file, path: "id", line: null, message: `scenario id "${r.scenario.id}" is already used by ${other}` });
      continue;
    }
    byId.set(r.scenario.id, file);
    loaded.push(r);
  }
  return { loaded, errors };
}

const ID = /^[a-z0-9][a-z0-9-]*$/;

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * Finds a scenario by id (looked up in `dir`: first `<id>.yaml` / `<id>.yml`, then any file whose
 * `id` matches) or by file path. Never throws; an unknown id lists the ids that exist.
 */
export function findScenario(idOrPath: string, dir: string = SCENARIO_DIR): ScenarioFileResult {
  const looksLikePath = idOrPath.includes("/") || idOrPath.includes(path.sep) || EXTENSIONS.some((x) => idOrPath.endsWith(x));
  if (looksLikePath || isFile(idOrPath) || !ID.test(idOrPath)) return loadScenarioFile(idOrPath);
  for (const ext of EXTENSIONS) {
    const candidate = path.join(dir, idOrPath + ext);
    if (isFile(candidate)) {
      const r = loadScenarioFile(candidate);
      if (!r.ok || r.scenario.id === idOrPath) return r;
    }
  }
  const all = loadAllScenarios(dir);
  const hit = all.loaded.find((s) => s.scenario.id === idOrPath);
  if (hit) return hit;
  const known = all.loaded.map((s) => s.scenario.id);
  const broken = all.errors.length > 0 ? ` (${new Set(all.errors.map((e) => e.file)).size} file(s) there did not load)` : "";
  const list = known.length > 0 ? `; known ids: ${known.join(", ")}` : "";
  return fileError(idOrPath, `no scenario with id "${idOrPath}" in ${dir}${list}${broken}`);
}
