/** The definition as the builder edits it: the password hash never reaches the browser. */
import type { AccessRules, AssessmentDefinition } from "@/lib/assessment/schema";

export type DraftDefinition = Omit<AssessmentDefinition, "access"> & { access: Omit<AccessRules, "passwordHash"> };

export interface CatalogueOption {
  readonly id: string;
  readonly title: string;
}

export type PasswordState = { kind: "keep" } | { kind: "clear" } | { kind: "set"; value: string };
