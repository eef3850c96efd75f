"use server";
/** Join a course by code (the /join/<code> page's button and the /courses page's code field). */
import { redirect } from "next/navigation";
import { getActor } from "@/lib/server/auth/actor";
import { joinCommand } from "@/lib/server/courses/commands";
import type { FormState } from "@/lib/server/courses/form-state";
import { normaliseJoinCode } from "@/lib/server/courses/join-code";

export async function joinCourseAction(_previous: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  if (actor.kind !== "user") {
    const code = normaliseJoinCode(String(form.get("code") ?? ""));
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(code ? `/join/${code}` : "/courses")}`);
  }
  const state = await joinCommand(actor, form);
  if (state.status === "ok" && state.courseId) redirect(`/courses?joined=${encodeURIComponent(state.courseId)}`);
  return state;
}
