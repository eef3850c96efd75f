/** The 503 of a full worker pool: come back after Retry-After seconds. */
import "server-only";
import type { NextResponse } from "next/server";
import { apiError, type ApiError } from "@/lib/server/api";

export function busyResponse(retryAfterSeconds: number, message: string): NextResponse<ApiError> {
  const response = apiError(503, "busy", message);
  response.headers.set("retry-after", String(retryAfterSeconds));
  return response;
}
