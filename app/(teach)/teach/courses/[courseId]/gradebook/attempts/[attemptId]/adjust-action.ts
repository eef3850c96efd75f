"use server";
/**
 * The attempt page's adjustment forms (they work without JavaScript): parse, authorize
 * (`course.grade`), adjust, then come back to the page with the outcome in its query string.
 */
import { redirect } from "next/navigation";
import { getActor } from "@/lib/server/auth/actor";
import { refusePage } from "@/lib/server/auth/http";
import { authorizeAttempt } from "@/lib/server/auth/policy";
import { adjustScore } from "@/lib/server/gradebook/adjustments";
import { AdjustmentSchema } from "@/lib/server/gradebook/schemas";

const text = (data: FormData, name: string) => {
  const v = data.get(name);
  return typeof v === "string" ? v : "";
};

export async function adjustAction(data: FormData): Promise<void> {
  const attemptId = text(data, "attemptId");
  const courseId = text(data, "courseId");
  const page = `/teach/courses/${encodeURIComponent(courseId)}/gradebook/attempts/${encodeURIComponent(attemptId)}`;
  const actor = await getActor();
  const decision = await authorizeAttempt(actor, "course.grade", attemptId);
  if (!decision.ok || actor.kind !== "user") return refusePage(decision.ok ? "sign_in_required" : decision.reason, page);
  if (decision.courseId !== courseId) return refusePage("not_found", page);
  const scope = text(data, "scope");
  const parsed = AdjustmentSchema.safeParse(scope === "field"
    ? { scope, slot: text(data, "slot"), field: text(data, "field"), points: text(data, "points"), note: text(data, "note") }
    : { scope, score: text(data, "score"), note: text(data, "note") });
  let outcome: string;
  if (!parsed.success) outcome = `error=${encodeURIComponent("Give a number and a note.")}`;
  else {
    const done = await adjustScore(attemptId, actor.userId, parsed.data, Date.now());
    outcome = done.ok ? "adjusted=1" : `error=${encodeURIComponent(done.message)}`;
  }
  redirect(`${page}?${outcome}#ledger`);
}
