/**
 * Helpers that keep route handlers thin: every JSON API answers with the same error shape,
 * bad input becomes a 422 with per-field messages, and an unexpected failure is logged and becomes a
 * plain 500 (never a stack trace in the response).
 */
import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { type FieldErrors, fieldErrorsOf } from "@/lib/auth/schemas";

/** The body of every error response. */
export interface ApiError {
  error: { code: string; message: string; fields?: FieldErrors };
}

export function apiError(status: number, code: string, message: string, fields?: FieldErrors): NextResponse<ApiError> {
  return NextResponse.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status });
}

/** Read a JSON body and validate it; on failure, the response to send instead. */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<{ ok: true; data: z.output<S> } | { ok: false; response: NextResponse<ApiError> }> {
  const type = request.headers.get("content-type") ?? "";
  // Requiring JSON also means a cross-site HTML form cannot post here without a CORS preflight.
  if (!type.toLowerCase().startsWith("application/json")) {
    return { ok: false, response: apiError(415, "unsupported_media_type", "Send the request body as application/json") };
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return { ok: false, response: apiError(400, "invalid_json", "The request body is not valid JSON") };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, response: apiError(422, "invalid_input", "Some fields need fixing", fieldErrorsOf(parsed.error)) };
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
