import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { assessmentJsonSchemaText } from "@/lib/assessment/json-schema";
import { fixtureText } from "./support";

const root = path.resolve(__dirname, "../..");
const doc = readFileSync(path.join(root, "docs/assessment-format.md"), "utf8");

describe("docs/assessment-format.md", () => {
  test("shows the example fixture unchanged (the file a test loads)", () => {
    const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toContain(fixtureText());
  });

  test("the error lines it quotes are the ones the loader gives", async () => {
    const { loadAssessmentText, formatAssessmentError } = await import("@/lib/assessment/load");
    const text = fixtureText().replace("choose: 2", "choose: 4").replace(/passwordHash: .*/, "passwordHash: hunter2");
    const schemaErrors = loadAssessmentText(text, "courses/net101/midterm.yaml");
    const checkErrors = loadAssessmentText(fixtureText().replace("choose: 2", "choose: 4"), "courses/net101/midterm.yaml", ["browser-to-google", "https-through-cdn", "aws-private-subnet-nat", "two-offices-same-subnet", "ssh-via-bastion"]);
    const printed = [...(checkErrors.ok ? [] : checkErrors.errors), ...(schemaErrors.ok ? [] : schemaErrors.errors)].map(formatAssessmentError);
    for (const line of printed) expect(doc).toContain(line);
    expect(printed).toHaveLength(2);
  });

  test("documents every top-level key of the schema", () => {
    for (const key of ["id", "title", "kind", "zones", "variants", "access", "scoring", "feedback", "release", "close", "timeLimitMinutes", "attempts", "late", "passwordHash", "choose", "alternatives", "creditPerTry"]) {
      expect(doc).toContain(`\`${key}\``);
    }
  });
});

test("docs/assessment.schema.json is generated from the zod schema", async () => {
  await expect(assessmentJsonSchemaText()).toMatchFileSnapshot(path.join(root, "docs/assessment.schema.json"));
});
