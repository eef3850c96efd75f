/**
 * What a course or admin form's server action answers, shown by the page's form (types only, so
 * client components may import them).
 */
import type { FieldErrors } from "@/lib/auth/schemas";
import type { Refusal } from "../auth/policy";

export type FormState =
  | { readonly status: "idle" }
  | { readonly status: "ok"; readonly message: string; readonly courseId?: string }
  | { readonly status: "error"; readonly message: string; readonly fields?: FieldErrors; readonly refusal?: Refusal };

export type AddOutcome = "added" | "invited" | "already_member" | "already_invited" | "duplicate" | "invalid";

export interface AddReportLine {
  readonly line: number;
  readonly text: string;
  readonly outcome: AddOutcome;
  readonly message: string;
}

export type AddPeopleState = FormState | { readonly status: "report"; readonly message: string; readonly report: readonly AddReportLine[] };
