/** How the staff actions' refusals answer over HTTP: one mapping for the routes. */
import "server-only";
import { apiError } from "../api";
import type { StaffActionRefusal } from "./staff-actions";

/** 404 for a vanished attempt, 409 for every refusal of the attempt's state (with its sentence). */
export function staffRefusalResponse(reason: StaffActionRefusal | string, message: string) {
  if (reason === "not_found") return apiError(404, "not_found", "Nothing here with that id.");
  return apiError(409, reason, message);
}
