"use server";
/** The /teach page's form: create a course, then open it. */
import { redirect } from "next/navigation";
import { getActor } from "@/lib/server/auth/actor";
import { createCourseCommand } from "@/lib/server/courses/commands";
import type { FormState } from "@/lib/server/courses/form-state";

export async function createCourseAction(_previous: FormState, form: FormData): Promise<FormState> {
  const state = await createCourseCommand(await getActor(), form);
  if (state.status === "ok" && state.courseId) redirect(`/teach/courses/${state.courseId}`);
  return state;
}
