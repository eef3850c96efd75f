/** `npm run user -- <command>`: parsing only (pure), so a typo is refused before the database is touched. */
import { isRole, ROLES, type Role } from "../../lib/auth/roles";
import { OptionError } from "./options";

export type UserCommand =
  | { readonly action: "disable" | "enable" | "sign-out"; readonly email: string }
  | { readonly action: "role"; readonly email: string; readonly role: Role };

export const USER_USAGE = [
  "usage: npm run user -- disable <email>     refuse the account's sessions and sign-ins from the next request",
  "       npm run user -- enable <email>      let a disabled account sign in again",
  "       npm run user -- sign-out <email>    end every session of the account",
  `       npm run user -- role <email> <${ROLES.join("|")}>`,
].join("\n");

/** The command the arguments ask for; an OptionError says what is wrong. */
export function parseUserCommand(args: readonly string[]): UserCommand {
  const [action, email, role, ...rest] = args;
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email)) throw new OptionError(`give the account's email address (got "${email ?? ""}")`);
  if (action === "disable" || action === "enable" || action === "sign-out") {
    if (role !== undefined) throw new OptionError(`${action} takes only an email address`);
    return { action, email };
  }
  if (action === "role") {
    if (!isRole(role)) throw new OptionError(`role takes one of ${ROLES.join(", ")} (got "${role ?? ""}")`);
    if (rest.length > 0) throw new OptionError("role takes an email address and a role");
    return { action, email, role };
  }
  throw new OptionError(`unknown command "${action ?? ""}"`);
}
