/**
 * The shapes the JSON API accepts, validated once at the boundary: ids, seeds, difficulties, and a
 * learner's answers (bounded in size so an autosave or a grading request cannot grow without limit).
 */
import "server-only";
import { z } from "zod";
import { DifficultySchema } from "@/lib/scenario/schema";
import { MAX_SEED } from "./practice";

/** Answers: at most this many blanks, each text at most this long (the grader reads no more). */
export const MAX_ANSWER_KEYS = 500;
export const MAX_ANSWER_TEXT = 300;
const MAX_ORDER_ITEMS = 100;
const MAX_BLANK_ID = 200;

/** Request bodies: answers and gradings are small; an inline scenario may be a sizeable YAML file. */
export const MAX_ANSWERS_BODY_BYTES = 128 * 1024;
export const MAX_SIMULATE_BODY_BYTES = 256 * 1024;

export const ScenarioIdSchema = z
  .string({ error: "Give the scenario's id" })
  .max(64, "A scenario id is at most 64 characters")
  .regex(/^[a-z0-9][a-z0-9-]*$/, "A scenario id is lower-case letters, digits and dashes");

export const SeedSchema = z
  .number({ error: `A seed is a whole number from 0 to ${MAX_SEED}` })
  .int(`A seed is a whole number from 0 to ${MAX_SEED}`)
  .min(0, `A seed is a whole number from 0 to ${MAX_SEED}`)
  .max(MAX_SEED, `A seed is a whole number from 0 to ${MAX_SEED}`);

/** A seed in a query string ("?seed=42"); absent or empty means "not given". */
export const SeedParamSchema = z.preprocess(
  (v) => (v === undefined || v === "" ? undefined : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v),
  SeedSchema.optional(),
);

export const DifficultyInputSchema = z.enum(DifficultySchema.options, { error: `Choose one of: ${DifficultySchema.options.join(", ")}` });

/** Attempt ids are cuids; anything else cannot name an attempt. */
export function isAttemptId(id: string): boolean {
  return /^[a-z0-9]{8,40}$/i.test(id);
}

const AnswerText = z.string({ error: "An answer is text" }).max(MAX_ANSWER_TEXT, `Keep each answer under ${MAX_ANSWER_TEXT} characters`);

/** One blank's answer: text, an ordering (a list of item ids), or a NAT entry's three sockets. */
export const AnswerValueSchema = z.union(
  [
    AnswerText,
    z.array(AnswerText).max(MAX_ORDER_ITEMS, `An ordering has at most ${MAX_ORDER_ITEMS} items`),
    z.object({ inside: AnswerText.optional(), translated: AnswerText.optional(), outside: AnswerText.optional() }).strict(),
  ],
  { error: "An answer is text, a list of item ids, or { inside, translated, outside }" },
);

export const AnswersSchema = z
  .record(z.string().min(1).max(MAX_BLANK_ID, "A blank id is at most 200 characters"), AnswerValueSchema, {
    error: "Answers are an object: { blankId: answer }",
  })
  .refine((answers) => Object.keys(answers).length <= MAX_ANSWER_KEYS, `At most ${MAX_ANSWER_KEYS} answers`);

export type AnswersInput = z.infer<typeof AnswersSchema>;

export const SaveAnswersSchema = z.object({ answers: AnswersSchema });

export const StartAttemptSchema = z.object({
  scenarioId: ScenarioIdSchema,
  difficulty: DifficultyInputSchema,
  /** Refused: an attempt's variant is a secret the server draws (docs/threat-model.md). */
  seed: z.never({ error: "An attempt's variant is drawn by the server; a seed cannot be chosen (study a seed with /grade or /simulate)" }).optional(),
});

export const GradeSchema = z.object({
  scenarioId: ScenarioIdSchema,
  seed: SeedSchema,
  difficulty: DifficultyInputSchema,
  answers: AnswersSchema,
});

export const SimulateSchema = z
  .object({
    scenarioId: ScenarioIdSchema.optional(),
    scenario: z
      .union([z.string().max(MAX_SIMULATE_BODY_BYTES), z.record(z.string(), z.unknown())], {
        error: "A scenario is YAML text or a JSON object",
      })
      .optional(),
    seed: SeedSchema.optional(),
  })
  .superRefine((body, ctx) => {
    const given = Number(body.scenarioId !== undefined) + Number(body.scenario !== undefined);
    if (given !== 1) ctx.addIssue({ code: "custom", path: ["scenario"], message: "Give either scenarioId or scenario (YAML text or a JSON object), not both" });
  });

export const ScenarioQuerySchema = z.object({ seed: SeedParamSchema });

export const SheetQuerySchema = z.object({
  seed: SeedParamSchema,
  difficulty: z.preprocess((v) => (v === "" ? undefined : v), DifficultyInputSchema.optional()),
});
