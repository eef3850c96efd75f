"use client";

/** One drawn question's answer form inside the attempt page (autosaved under its slot). */
import { AnswerForm } from "@/components/practice/answer-form";
import type { SheetFlow } from "@/lib/grader/types";
import { useFlushRegistry } from "./attempt-shell";

export interface AttemptQuestionFormProps {
  readonly attemptId: string;
  readonly slot: string;
  readonly flows: readonly SheetFlow[];
  readonly savedAnswers: Readonly<Record<string, unknown>>;
}

export function AttemptQuestionForm({ attemptId, slot, flows, savedAnswers }: AttemptQuestionFormProps) {
  const register = useFlushRegistry();
  const url = `/api/v1/assessment-attempts/${encodeURIComponent(attemptId)}/answers`;
  return <AnswerForm attemptId={attemptId} flows={flows} savedAnswers={savedAnswers} assessment={{ url, slot, onFlushReady: register ?? undefined }} />;
}
