/**
 * Helpers that keep route handlers thin: every JSON API answers with the same error shape,
 * bad input becomes a 422 with per-field messages, a body over the route's limit a 413, and an
 * unexpected failure is logged and becomes a plain 500 (never a stack trace in the response).
 */
import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { type FieldErrors, fieldErrorsOf } from "@/lib/auth/schemas";

/** A problem at a place in a document the client sent (a scenario's YAML, say), with its line. */
export interface ApiIssue {
  readonly path: string;
  readonly line: number | null;
  readonly message: string;
}

/** The body of every error response. */
export interface ApiError {
  error: { code: string; message: string; fields?: FieldErrors; issues?: readonly ApiIssue[] };
}

/** What a JSON body may weigh unless a route says otherwise. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** How deeply a JSON body may nest: no request needs more, and deeper input makes recursive code (YAML, zod) overflow the stack. */
export const MAX_JSON_DEPTH = 64;

/** Whether a parsed JSON value nests deeper than `limit` (counted without recursion, so any depth is safe to ask about). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/** Half of a UTF-16 surrogate pair without its other half: JSON's \uD800 escapes can make one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * True when a string or key anywhere in a parsed body holds a lone surrogate: it is no character,
 * cannot be written as UTF-8, and the database refuses it (a stored answer must stay readable).
 */
export function holdsLoneSurrogate(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current === "string") {
      if (LONE_SURROGATE.test(current)) return true;
    } else if (current !== null && typeof current === "object") {
      for (const [key, child] of Object.entries(current)) {
        if (LONE_SURROGATE.test(key)) return true;
        stack.push(child);
      }
    }
  }
  return false;
}

export function apiError(
  status: number,
  code: string,
  message: string,
  fields?: FieldErrors,
  issues?: readonly ApiIssue[],
): NextResponse<ApiError> {
  return NextResponse.json({ error: { code, message, ...(fields ? { fields } : {}), ...(issues ? { issues } : {}) } }, { status });
}

/** 404 with the same words whether the thing does not exist or belongs to someone else. */
export function notFound(what: string): NextResponse<ApiError> {
  return apiError(404, "not_found", `No ${what} with that id`);
}

export type BodyText = { ok: true; text: string } | { ok: false; tooLarge: true };

/** The body as text, reading no more than `maxBytes` (a lying or missing Content-Length included). */
export async function readBodyText(request: Request, maxBytes: number): Promise<BodyText> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, tooLarge: true };
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return { ok: false, tooLarge: true };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString("utf8") };
}

function kilobytes(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`;
}

/**
 * Read a JSON body and validate it; on failure, the response to send instead:
 * 415 when it is not sent as JSON, 413 over `maxBytes`, 400 when it does not parse or holds a lone
 * surrogate, 422 when it nests deeper than MAX_JSON_DEPTH or does not match the schema (with
 * per-field messages).
 */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  options: { maxBytes?: number } = {},
): Promise<{ ok: true; data: z.output<S> } | { ok: false; response: NextResponse<ApiError> }> {
  const type = request.headers.get("content-type") ?? "";
  // Requiring JSON also means a cross-site HTML form cannot post here without a CORS preflight.
  if (!type.toLowerCase().startsWith("application/json")) {
    return { ok: false, response: apiError(415, "unsupported_media_type", "Send the request body as application/json") };
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  const read = await readBodyText(request, maxBytes);
  if (!read.ok) {
    return { ok: false, response: apiError(413, "payload_too_large", `The request body is over ${kilobytes(maxBytes)}`) };
  }
  let body: unknown;
  try {
    body = JSON.parse(read.text);
  } catch {
    return { ok: false, response: apiError(400, "invalid_json", "The request body is not valid JSON") };
  }
  if (holdsLoneSurrogate(body)) {
    return { ok: false, response: apiError(400, "invalid_json", "The request body holds a \\u escape that is half of a character (a lone surrogate): send text as UTF-8") };
  }
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
    return { ok: false, response: apiError(422, "too_deeply_nested", `The request body nests more than ${MAX_JSON_DEPTH} levels deep`) };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, response: apiError(422, "invalid_input", "Some fields need fixing", fieldErrorsOf(parsed.error)) };
  }
  return { ok: true, data: parsed.data };
}

/** Validate a request's query string (`?seed=3&difficulty=beginner`); a 422 naming the fields otherwise. */
export function parseQuery<S extends z.ZodType>(
  request: Request,
  schema: S,
): { ok: true; data: z.output<S> } | { ok: false; response: NextResponse<ApiError> } {
  const params = new URL(request.url).searchParams;
  const raw: Record<string, string> = {};
  for (const [key, value] of params) raw[key] = value;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, response: apiError(422, "invalid_input", "Some query parameters need fixing", fieldErrorsOf(parsed.error)) };
  }
  return { ok: true, data: parsed.data };
}

/** Wrap a route handler so an unexpected error is logged and answered with a generic 500. */
export function withApiErrors<A extends unknown[]>(
  handler: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      console.error("[api] unexpected error:", error);
      return apiError(500, "internal_error", "Something went wrong on our side. Please try again.");
    }
  };
}
