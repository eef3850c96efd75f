import { describe, expect, test } from "vitest";
import { buildAnswerKey, gradeAnswers } from "@/lib/grader";
import { modelAnswers } from "@/lib/grader/model-answers";
import { scenario, scenarioIds } from "../helpers/scenarios";

describe("the broadcast MAC as a unicast frame's destination is named as a misconception", () => {
  const cases = scenarioIds().flatMap((id) => buildAnswerKey(scenario(id), 0, "advanced").blanks.filter((b) => b.field === "eth.dst").map((b) => [id, b.id] as const));

  test("some scenario asks for a destination MAC", () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  test.each(cases)("%s %s, written as ff-ff-ff-ff-ff-ff", (id, blankId) => {
    const s = scenario(id);
    const key = buildAnswerKey(s, 0, "advanced");
    const answers = { ...(modelAnswers(key) as Record<string, unknown>), [blankId]: "ff-ff-ff-ff-ff-ff" };
    const field = gradeAnswers(key, answers, { scenario: s, contentHash: "test" }).fields.find((f) => f.id === blankId)!;
    expect(field.status).toBe("wrong");
    expect(field.misconception?.rule).toBe("broadcast-for-unicast");
    expect(field.feedback).toMatch(/Only an ARP request/);
  });

  test("the right MAC names no misconception", () => {
    const [id, blankId] = cases[0]!;
    const s = scenario(id);
    const key = buildAnswerKey(s, 0, "advanced");
    const field = gradeAnswers(key, modelAnswers(key), { scenario: s, contentHash: "test" }).fields.find((f) => f.id === blankId)!;
    expect(field.misconception).toBeNull();
  });
});
