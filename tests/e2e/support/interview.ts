/** Helpers for the interview specs: signing up, the candidate's event stream, and what must never reach the candidate. */
import { expect, type Page } from "@playwright/test";
import { readEventStream } from "./browser-record";

export async function signUp(page: Page, email: string): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).not.toHaveURL(/sign-up/);
}

/** The raw text of the session's event stream as this page's browser receives it, read for `ms`. */
export async function streamText(page: Page, sessionId: string, ms = 1_500): Promise<string> {
  return (await readEventStream(page, `/api/v1/interviews/${sessionId}/events`, ms)).text;
}

/** The first text box of the candidate's answer sheet. */
export const firstTextBlank = (page: Page) => page.getByTestId("interview-sheet").locator('input:not([type="radio"]):not([type="checkbox"])').first();

export interface Secrets {
  readonly values: string[];
}

/**
 * What the interviewer's console knows and the candidate must not see: expected values (those not
 * shown to the candidate as given facts), unrevealed hints, rubric anchors, listening points, model
 * answers. Read from the interviewer's own API.
 */
export async function secretsFor(interviewer: Page, sessionId: string, givenFacts: string): Promise<string[]> {
  const response = await interviewer.request.get(`/api/v1/interviews/${sessionId}`);
  expect(response.ok()).toBe(true);
  const { view } = (await response.json()) as {
    view: {
      stages: { fields: { expected: string }[]; hints: { text: string; revealed: boolean }[]; points: { point: string }[] }[];
      dimensions: { anchors: string[]; source: string }[];
      followUps: { modelAnswer: string | null }[];
    };
  };
  const distinctive = (v: string) => /^\d+\.\d+\.\d+\.\d+(:\d+)?$/.test(v) || /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(v);
  return [
    ...view.stages.flatMap((s) => s.fields.map((f) => f.expected)).filter((v) => distinctive(v) && !givenFacts.includes(v)),
    ...view.stages.flatMap((s) => s.hints.filter((h) => !h.revealed).map((h) => h.text)),
    ...view.stages.flatMap((s) => s.points.map((p) => p.point)),
    ...view.dimensions.flatMap((d) => d.anchors),
    ...view.followUps.flatMap((f) => (f.modelAnswer ? [f.modelAnswer] : [])),
  ];
}
