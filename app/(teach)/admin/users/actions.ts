"use server";
/** The admin page's form action: one account change (role, disable, enable). */
import { revalidatePath } from "next/cache";
import { changeAccountCommand } from "@/lib/server/admin/commands";
import { getActor } from "@/lib/server/auth/actor";
import type { FormState } from "@/lib/server/courses/form-state";

export async function changeAccountAction(_previous: FormState, form: FormData): Promise<FormState> {
  const state = await changeAccountCommand(await getActor(), form);
  if (state.status === "ok") revalidatePath("/admin/users");
  return state;
}
