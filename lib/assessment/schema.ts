/**
 * The assessment definition: what an instructor builds from the catalogue and can keep in git as a
 * YAML file. One strict schema (an unknown key is an error, never silently ignored); `.describe()`
 * texts become editor help. Dates are ISO 8601 strings with a time zone, kept as text so a file
 * exported and imported again is equal to the original. Checks that need the catalogue or compare
 * fields (unknown scenario, choose > alternatives, close before release...) live in `check.ts`.
 */
import { z } from "zod";
import { DifficultySchema } from "../scenario/schema";

const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "lower-case letters, digits and dashes").max(64);
const Title = z.string().trim().min(1).max(200);

/** An instant with an explicit zone ("2027-01-15T09:00:00Z" or "...+01:00"), never local time. */
export const InstantSchema = z.iso.datetime({ offset: true, error: "a date and time with a zone, e.g. 2027-01-15T09:00:00Z" })
  .describe("ISO 8601 date and time with a zone, e.g. 2027-01-15T09:00:00Z");

export const AlternativeSchema = z.object({
  scenario: Slug.describe("the id of a scenario of the catalogue"),
  difficulty: DifficultySchema.describe("which blanks the student is asked (beginner, intermediate, advanced)"),
  points: z.number().min(0).max(1000).describe("what this question is worth when drawn"),
}).strict();

export const ZoneSchema = z.object({
  title: Title.describe("shown to students as a section heading, e.g. \"Part 1: NAT\""),
  choose: z.number().int().min(1).max(100).describe("how many of the alternatives each student gets"),
  alternatives: z.array(AlternativeSchema).min(1).describe("the pool this zone draws from, uniformly and without repetition"),
}).strict();

export const VARIANT_MODES = ["same-for-everyone", "per-student"] as const;

/** A password is stored as a reference to a hash made by the server, never as the password itself. */
export const PasswordHashSchema = z.string()
  .regex(/^(scrypt|argon2id|bcrypt|pbkdf2-sha256)\$\S{16,}$/, "store a password hash (\"scrypt$...\"), never the password itself")
  .describe("a hash made by the server, e.g. scrypt$<salt>$<hash>; the plaintext never appears in a definition");

export const AccessSchema = z.object({
  release: InstantSchema.optional().describe("from when students may start; absent: at once"),
  close: InstantSchema.optional().describe("after this, no on-time work; absent: never closes"),
  timeLimitMinutes: z.number().positive().max(24 * 60).optional().describe("minutes from start (times each student's time factor); absent: untimed"),
  attempts: z.number().int().min(1).max(100).default(1).describe("how many attempts a student may start"),
  late: z.object({
    until: InstantSchema.describe("work is accepted until this instant, after the close date"),
    creditPercent: z.number().min(0).max(100).describe("the share of the score a late submission keeps"),
  }).strict().optional().describe("late submission after the close date for part of the credit"),
  passwordHash: PasswordHashSchema.optional(),
}).strict();

export const SCORING_COUNTS = ["best", "last"] as const;

export const ScoringSchema = z.object({
  counts: z.enum(SCORING_COUNTS).default("best").describe("which attempt's score counts when there are several"),
  creditPerTry: z.array(z.number().min(0).max(100)).min(1).max(20).default([100])
    .describe("percent of credit the n-th attempt can earn, e.g. [100, 80, 60]; later attempts keep the last value"),
}).strict();

export const FEEDBACK_PARTS = ["score", "correctness", "expected", "misconceptions", "journey"] as const;
export type FeedbackPart = (typeof FEEDBACK_PARTS)[number];

/** When one part of the feedback may leave the server. */
export const MomentSchema = z.union([
  z.enum(["after-submit", "after-close", "never"]),
  z.object({ date: InstantSchema }).strict(),
]).describe("after-submit, after-close, never, or { date: <instant> }");
export type Moment = z.infer<typeof MomentSchema>;

const moment = (what: string) => MomentSchema.default("after-close").describe(`when ${what} may be shown (default after-close)`);

export const FeedbackSchema = z.object({
  score: moment("the score"),
  correctness: moment("which fields were right or wrong"),
  expected: moment("the expected values and their reasons"),
  misconceptions: moment("the misconceptions detected"),
  journey: moment("the packet journey as the simulator ran it"),
}).strict();

export const AssessmentSchema = z.object({
  id: Slug.describe("unique within the course"),
  title: Title,
  kind: z.enum(["homework", "exam"]).describe("homework: several attempts, best or last counts; exam: one timed attempt"),
  zones: z.array(ZoneSchema).min(1).max(50).describe("the sections, in order"),
  variants: z.enum(VARIANT_MODES).default("per-student")
    .describe("same-for-everyone: every student gets the same questions and seeds; per-student: each draws their own"),
  access: AccessSchema.describe("dates, time limit, attempts, late policy, password"),
  scoring: ScoringSchema.default({ counts: "best", creditPerTry: [100] }),
  feedback: FeedbackSchema.default({ score: "after-close", correctness: "after-close", expected: "after-close", misconceptions: "after-close", journey: "after-close" })
    .describe("when each part of the feedback becomes visible"),
}).strict();

export type AssessmentDefinition = z.infer<typeof AssessmentSchema>;
export type AssessmentZone = z.infer<typeof ZoneSchema>;
export type AssessmentAlternative = z.infer<typeof AlternativeSchema>;
export type AccessRules = z.infer<typeof AccessSchema>;
export type FeedbackRules = z.infer<typeof FeedbackSchema>;
export type Scoring = z.infer<typeof ScoringSchema>;

/** Milliseconds since the epoch of an instant the schema accepted. */
export function instantMs(text: string): number {
  return Date.parse(text);
}
