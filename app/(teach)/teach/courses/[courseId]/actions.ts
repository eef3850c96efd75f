"use server";
/**
 * The server actions of a course's staff pages. Each one is the command of the same name
 * (lib/server/courses/commands.ts: zod, policy, change) plus a refresh of the course's pages.
 */
import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/server/auth/actor";
import type { Actor } from "@/lib/server/auth/actor";
import {
  addPeopleCommand,
  cancelInviteCommand,
  changeRoleCommand,
  regenerateJoinCodeCommand,
  removeMemberCommand,
  renameCourseCommand,
  setJoinOpenCommand,
  setTimeFactorCommand,
} from "@/lib/server/courses/commands";
import type { AddPeopleState, FormState } from "@/lib/server/courses/form-state";

async function run<S extends { status: string }>(command: (actor: Actor, form: FormData) => Promise<S>, form: FormData): Promise<S> {
  const state = await command(await getActor(), form);
  const courseId = form.get("courseId");
  if (state.status !== "error" && typeof courseId === "string") revalidatePath(`/teach/courses/${courseId}`, "layout");
  return state;
}

export async function renameCourseAction(_previous: FormState, form: FormData): Promise<FormState> {
  return run(renameCourseCommand, form);
}

export async function regenerateJoinCodeAction(_previous: FormState, form: FormData): Promise<FormState> {
  return run(regenerateJoinCodeCommand, form);
}

export async function setJoinOpenAction(_previous: FormState, form: FormData): Promise<FormState> {
  return run(setJoinOpenCommand, form);
}

export async function addPeopleAction(_previous: AddPeopleState, form: FormData): Promise<AddPeopleState> {
  return run(addPeopleCommand, form);
}

export async function changeRoleAction(_previous: FormState, form: FormData): Promise<FormState> {
  return run(changeRoleCommand, form);
}

export async function setTimeFactorAction(_previous: FormState, form: FormData): Promise<FormState> {
  return run(setTimeFactorCommand, form);
}

export async function removeMemberAction(_previous: FormState, form: FormData): Promise<FormState> {
  return run(removeMemberCommand, form);
}

export async function cancelInviteAction(_previous: FormState, form: FormData): Promise<FormState> {
  return run(cancelInviteCommand, form);
}
