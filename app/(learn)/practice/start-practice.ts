"use server";
/**
 * Server action behind every "Practise" button: starts an attempt on a fresh variant of a
 * scenario at the chosen difficulty and opens it. Guests get a guest identity on the way.
 */
import { redirect } from "next/navigation";
import { z } from "zod";
import { examHref, examLockOnRequest } from "@/lib/server/assessments/exam-lock";
import { getOrCreateRequestOwner } from "@/lib/server/request-owner";
import { startPractice } from "@/lib/server/practice";
import { DifficultySchema } from "@/lib/scenario/schema";

const StartSchema = z.object({
  scenarioId: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(64),
  difficulty: DifficultySchema,
});

export async function startPracticeAction(formData: FormData): Promise<void> {
  const parsed = StartSchema.safeParse({
    scenarioId: formData.get("scenarioId"),
    difficulty: formData.get("difficulty") ?? "beginner",
  });
  if (!parsed.success) redirect("/scenarios?error=bad-request");
  // During an exam nothing starts: back to the exam (the refusal is recorded on it).
  const lock = await examLockOnRequest("practice");
  if (lock) redirect(examHref(lock));
  const owner = await getOrCreateRequestOwner();
  const started = await startPractice(owner, parsed.data.scenarioId, parsed.data.difficulty);
  if (!started.ok) redirect("/scenarios?error=unknown-scenario");
  redirect(`/practice/${started.attempt.id}`);
}
