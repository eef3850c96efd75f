/** Input shapes of the drills API, shared by the route handlers and their tests. */
import { z } from "zod";
import { parseAddressQuery } from "@/lib/drills/explain-address";
import { DRILL_KINDS } from "@/lib/drills/types";
import { MAX_DRILL_SEED } from "@/lib/server/drill-bank";

export const DrillKindSchema = z.enum(DRILL_KINDS);

/** `GET /api/v1/drills/next?kind=`: an empty or missing kind lets the bank choose. */
export const NextDrillQuerySchema = z.object({
  kind: DrillKindSchema.optional(),
});

/** Seeds are ones this API handed out; blank ids are short slugs; answers short strings: a hostile body costs nothing. */
export const GradeDrillSchema = z
  .object({
    seed: z.number().int().min(0).max(MAX_DRILL_SEED),
    kind: DrillKindSchema,
    answers: z
      .record(z.string().min(1).max(64), z.string().max(200))
      .refine((answers) => Object.keys(answers).length <= 20, { message: "Too many answers" }),
  })
  .strict();

export type GradeDrillInput = z.infer<typeof GradeDrillSchema>;

/**
 * `GET /api/v1/drills/explain?address=`: any typed address and prefix ("10.37.200.9/22", or an
 * address and a netmask), read by the same parser the drills page uses.
 */
export const ExplainAddressQuerySchema = z.object({
  address: z
    .string({ error: "Give an address and a prefix, like 10.37.200.9/22" })
    .transform((text, ctx) => {
      const query = parseAddressQuery(text);
      if (!query.ok) {
        ctx.addIssue({ code: "custom", message: query.message });
        return z.NEVER;
      }
      return { address: query.address, prefix: query.prefix };
    }),
});
