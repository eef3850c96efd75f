/**
 * The JSON Schema of an assessment file, generated from the zod AssessmentSchema so the two never
 * disagree; committed as docs/assessment.schema.json for editor completion (a test keeps it current:
 * `npx vitest run tests/assessment/docs.test.ts -u` rewrites it after a schema change).
 */
import { z } from "zod";
import { AssessmentSchema } from "./schema";

/**
 * The schema as file text (2-space JSON, trailing newline). `io: "input"` describes what an author
 * writes (fields with defaults are optional); draft-07 is what yaml-language-server supports.
 */
export function assessmentJsonSchemaText(): string {
  const schema = z.toJSONSchema(AssessmentSchema, { io: "input", target: "draft-07" });
  const titled = {
    $schema: schema.$schema,
    title: "Hopwise assessment",
    description: "A Hopwise assessment definition: zones of scenarios, access rules, scoring and feedback moments. Generated from lib/assessment/schema.ts; see docs/assessment-format.md.",
    ...schema,
  };
  return `${JSON.stringify(titled, null, 2)}\n`;
}
