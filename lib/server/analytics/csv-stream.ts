/**
 * A CSV file streamed page by page: the header, then each page of rows as the database returns
 * it, so a class of 500 students x 10 assessments never sits in memory at once. Each page is
 * written by csv-stringify in one call (quoting, doubled quotes, RFC 4180 line ends).
 */
import "server-only";
import { stringify } from "csv-stringify/sync";

export type CsvValue = string | number | boolean | null | undefined | Date;
export type CsvRow = readonly CsvValue[];

/** One page of rows and where the next starts (null when this was the last). */
export interface CsvPage<C> {
  readonly rows: readonly CsvRow[];
  readonly next: C | null;
}

/** A value as a spreadsheet cell: dates in ISO 8601 UTC, numbers without float dust. */
function cell(v: CsvValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "number") return Number.isFinite(v) ? String(Math.round(v * 1000) / 1000) : "";
  return String(v);
}

/**
 * Formula injection: a cell a spreadsheet would run (=, +, -, @ at the start) is prefixed with a
 * quote, as OWASP recommends, unless it is a plain number (a negative score must stay a number).
 */
export function safeCell(v: CsvValue): string {
  const text = cell(v);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) return `'${text}`;
  return text;
}

/** The rows as CSV text (with CRLF line ends, as RFC 4180 and Excel expect). */
export function csvText(rows: readonly CsvRow[]): string {
  // csv-stringify quotes only the record delimiter itself; a lone CR or LF inside a cell must be quoted too.
  return stringify(rows.map((r) => r.map(safeCell)), { record_delimiter: "windows", quoted_match: /[\r\n]/ });
}

/** A stream of the header and then every page `fetchPage` returns, one page read per pull. */
export function csvStream<C>(header: readonly string[], first: C, fetchPage: (cursor: C) => Promise<CsvPage<C>>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: C = first;
  let headerSent = false;
  // The first cursor may itself be null ("from the start"), so the end is its own flag.
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // A byte-order mark so Excel reads the names as UTF-8; Canvas and Moodle ignore it.
        controller.enqueue(encoder.encode(`\uFEFF${csvText([header])}`));
        return;
      }
      if (done) {
        controller.close();
        return;
      }
      const page = await fetchPage(cursor);
      if (page.rows.length > 0) controller.enqueue(encoder.encode(csvText(page.rows)));
      if (page.next === null) {
        done = true;
        controller.close();
      } else {
        cursor = page.next;
      }
    },
  }, { highWaterMark: 1 });
}

/** The download response for a CSV stream. */
export function csvResponse(stream: ReadableStream<Uint8Array>, filename: string): Response {
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "private, no-store",
    },
  });
}
