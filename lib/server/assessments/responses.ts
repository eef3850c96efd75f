/**
 * The HTTP answers of the assessment builder's refusals, in one place so every route words them
 * the same way: 422 with the issues (path, line, message) for a definition that does not validate,
 * 409 for a taken id or a frozen (published) assessment.
 */
import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { apiError, type ApiIssue } from "../api";
import type { DraftFailure } from "./definitions";

export const PUBLISHED_MESSAGE = "This assessment is published and frozen: what students take must stay reproducible. Create a new draft (export and re-import its YAML) to change it.";

/** The answer to a draft change that was refused. */
export function draftRefusal(failure: DraftFailure): NextResponse {
  switch (failure.reason) {
    case "invalid": return invalidDefinition(failure.issues);
    case "slug_taken": return apiError(409, "id_taken", `Another assessment of this course already has the id "${failure.slug}"`, { id: [`"${failure.slug}" is taken in this course`] });
    case "published": return apiError(409, "published", PUBLISHED_MESSAGE);
    case "not_found": return apiError(404, "not_found", "Nothing here with that id.");
  }
}

/** 422 naming each problem of a definition (from the schema, the catalogue check or a YAML file). */
export function invalidDefinition(issues: readonly ApiIssue[]): NextResponse {
  return apiError(422, "invalid_definition", "The assessment definition needs fixing", undefined, issues);
}

/** Route params are ids we generated (cuid): anything else cannot match a row. */
export const RowIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** Bodies of the builder's routes can carry a whole definition: allow more than the default 64 KB. */
export const DEFINITION_MAX_BYTES = 256 * 1024;

export const NO_STORE = { "cache-control": "no-store" } as const;
