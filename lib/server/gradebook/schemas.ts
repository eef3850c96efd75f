/** The bodies of the staff actions on attempts (routes and server actions share them). */
import { z } from "zod";
import { MAX_NOTE_LENGTH } from "@/lib/assessment/ledger";
import { MAX_ADDED_MINUTES } from "./staff-actions";

const Reason = z.string().trim().min(1, "Say why: the reason goes into the audit trail.").max(500);

export const AddTimeSchema = z.object({
  minutes: z.coerce.number().int("whole minutes").min(1, "at least 1 minute").max(MAX_ADDED_MINUTES, "at most a week at once"),
  reason: Reason,
}).strict();

/** Reopen until `deadline` (an instant), for `minutes` from now, or with no deadline when neither is given. */
export const ReopenSchema = z.object({
  deadline: z.iso.datetime({ offset: true, error: "a date and time with a zone, e.g. 2027-01-15T09:00:00Z" }).nullable().optional(),
  minutes: z.coerce.number().int("whole minutes").min(1).max(MAX_ADDED_MINUTES).nullable().optional(),
  reason: Reason,
}).strict().refine((v) => !(v.deadline && v.minutes), { message: "Give a deadline or minutes, not both.", path: ["minutes"] });

const Note = z.string().max(MAX_NOTE_LENGTH);

export const AdjustmentSchema = z.discriminatedUnion("scope", [
  /** A new total for the whole attempt, in points (out of the attempt's maximum). */
  z.object({ scope: z.literal("attempt"), score: z.coerce.number(), note: Note }).strict(),
  /** New points for one field of one question (out of the field's weight). */
  z.object({ scope: z.literal("field"), slot: z.string().regex(/^z\d+q\d+$/), field: z.string().min(1).max(300), points: z.coerce.number(), note: Note }).strict(),
]);

export type AdjustmentInput = z.infer<typeof AdjustmentSchema>;

/** The deadline a reopen asks for, in ms, from its parsed body and the server's clock. */
export function reopenDeadline(input: z.infer<typeof ReopenSchema>, now: number): number | null {
  if (input.deadline) return Date.parse(input.deadline);
  if (input.minutes) return now + input.minutes * 60_000;
  return null;
}
