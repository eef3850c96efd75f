/**
 * A refused decision as the web answers it: JSON for route handlers, the sign-in page, 404 or 403
 * page for pages and server actions. One mapping, so every route refuses the same way.
 */
import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { apiError } from "../api";
import type { Refusal } from "./policy";

const API_ANSWER: Readonly<Record<Refusal, { status: number; message: string }>> = {
  sign_in_required: { status: 401, message: "Sign in first." },
  not_found: { status: 404, message: "Nothing here with that id." },
  forbidden: { status: 403, message: "Your role in this course does not allow that." },
};

/** The JSON error for a refusal (401, 404 or 403). */
export function refusalResponse(reason: Refusal) {
  const { status, message } = API_ANSWER[reason];
  return apiError(status, reason, message);
}

/** Leaves the page for a refusal: sign-in (coming back to `callbackUrl`), the 404 page or the 403 page. */
export function refusePage(reason: Refusal, callbackUrl: string): never {
  if (reason === "sign_in_required") redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  if (reason === "forbidden") forbidden();
  notFound();
}
