/** The admin page's one form: change an account's site role or access (site.manage-users only). */
import "server-only";
import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import type { Actor } from "../auth/actor";
import { authorizeSite } from "../auth/policy";
import { UserIdSchema } from "../courses/schemas";
import type { FormState } from "../courses/form-state";
import { type AccountChange, changeAccount } from "./users";

const ChangeSchema = z.object({
  userId: UserIdSchema,
  change: z.enum([...ROLES, "disable", "enable"], { error: "Choose a role, disable or enable" }),
});

/** Apply the form's change to the account it names, refusing the admin's own account. */
export async function changeAccountCommand(actor: Actor, form: FormData): Promise<FormState> {
  const decision = authorizeSite(actor, "site.manage-users");
  if (!decision.ok) return { status: "error", message: decision.reason === "sign_in_required" ? "Sign in first." : "Only admins may change accounts.", refusal: decision.reason };
  const input = ChangeSchema.safeParse({ userId: form.get("userId"), change: form.get("change") });
  if (!input.success) return { status: "error", message: input.error.issues[0]?.message ?? "Some fields need fixing" };
  const { change } = input.data;
  const accountChange: AccountChange = change === "disable" || change === "enable" ? { kind: change } : { kind: "role", role: change };
  const result = await changeAccount(decision.userId, input.data.userId, accountChange);
  return result.ok ? { status: "ok", message: result.message } : { status: "error", message: result.message };
}
