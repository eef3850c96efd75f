/**
 * Reads the emails of a pasted list or a CSV file for the roster, keeping each one's line number
 * so the instructor's report can say "line 7: not an email address". Pure.
 *
 * Accepted: one email per line; several per line separated by commas, semicolons or tabs; the
 * "Ada Lovelace <ada@example.com>" form mail programs copy; and CSV exports with a header row whose
 * "email" column is then the only one read (a name column may hold anything).
 */
import { parse } from "csv-parse/sync";
import { EmailSchema } from "@/lib/auth/schemas";

/** More lines than any class: a bigger paste is refused as a whole rather than half-processed. */
export const MAX_ROSTER_LINES = 2000;

export type RosterLine =
  | { readonly line: number; readonly kind: "email"; readonly email: string }
  | { readonly line: number; readonly kind: "invalid"; readonly text: string; readonly message: string };

export type RosterInput =
  | { readonly ok: true; readonly lines: readonly RosterLine[] }
  | { readonly ok: false; readonly message: string };

const HEADER_NAMES = new Set(["email", "e-mail", "email address", "e-mail address", "mail"]);
const ANGLE_ADDRESS = /<([^<>]*)>/;

function emailOf(cell: string): { ok: true; email: string } | { ok: false; message: string } {
  const candidate = ANGLE_ADDRESS.exec(cell)?.[1] ?? cell;
  const parsed = EmailSchema.safeParse(candidate);
  return parsed.success ? { ok: true, email: parsed.data } : { ok: false, message: parsed.error.issues[0]?.message ?? "Not an email address" };
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The roster lines of `text`; a malformed CSV (an unclosed quote) or too many lines is one clear error. */
export function parseRosterInput(text: string): RosterInput {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      info: true,
      delimiter: [",", ";", "\t"],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      to_line: MAX_ROSTER_LINES + 1,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { ok: false, message: `The list could not be read${line ? ` (line ${line})` : ""}: check for an unclosed quote.` };
  }
  if (records.some(({ info }) => info.lines > MAX_ROSTER_LINES)) {
    return { ok: false, message: `Add at most ${MAX_ROSTER_LINES} lines at a time.` };
  }

  const lines: RosterLine[] = [];
  let emailColumn: number | null = null;
  records.forEach(({ record, info }, index) => {
    const cells = record.filter((cell) => cell !== "");
    if (cells.length === 0) return;
    if (index === 0) {
      const header = record.findIndex((cell) => HEADER_NAMES.has(cell.toLowerCase()));
      if (header >= 0) {
        emailColumn = header;
        return;
      }
    }
    if (emailColumn !== null) {
      const cell = record[emailColumn] ?? "";
      const email = emailOf(cell);
      lines.push(email.ok
        ? { line: info.lines, kind: "email", email: email.email }
        : { line: info.lines, kind: "invalid", text: shorten(cell || record.join(", ")), message: cell ? email.message : "No email in the email column" });
      return;
    }
    // Without a header: every cell with an @ is an email (names beside them are ignored).
    const withAt = cells.filter((cell) => cell.includes("@"));
    if (withAt.length === 0) {
      lines.push({ line: info.lines, kind: "invalid", text: shorten(cells.join(", ")), message: "No email address on this line" });
      return;
    }
    for (const cell of withAt) {
      const email = emailOf(cell);
      lines.push(email.ok ? { line: info.lines, kind: "email", email: email.email } : { line: info.lines, kind: "invalid", text: shorten(cell), message: email.message });
    }
  });
  return { ok: true, lines };
}
