/**
 * Calling the /api/v1 route handlers directly, as Next.js calls them: a Request in, a Response out.
 * The request's owner comes from `as` (tests mock lib/server/request-owner to read it).
 */
import { NextRequest } from "next/server";

export const BASE = "http://localhost:3000";

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface CallOptions {
  body?: unknown;
  /** Send the body as this raw text instead of JSON.stringify(body). */
  raw?: string;
  contentType?: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  signal?: AbortSignal;
}

export function makeRequest(method: string, path: string, options: CallOptions = {}): NextRequest {
  const url = new URL(path, BASE);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const hasBody = options.raw !== undefined || options.body !== undefined;
  const headers = new Headers();
  if (hasBody) headers.set("content-type", options.contentType ?? "application/json");
  return new NextRequest(url, {
    method,
    headers,
    ...(hasBody ? { body: options.raw ?? JSON.stringify(options.body) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/** Calls a route handler; `handler` may take no context (routes without params). */
export async function call(handler: unknown, method: string, path: string, options: CallOptions = {}): Promise<Response> {
  return (handler as Handler)(makeRequest(method, path, options), { params: Promise.resolve(options.params ?? {}) });
}

// Tests read response fields freely and assert their values; a schema per response would only repeat the API's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function json<T = any>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
