/**
 * `npm run user -- disable|enable|sign-out|role ...`: an operator's account changes, effective on
 * the account's next request (sessions read the user from the database every time).
 */
import { findUserByEmail } from "@/lib/server/users";
import { disableUser, enableUser, setUserRole } from "@/lib/server/auth/account-status";
import { revokeAllSessions } from "@/lib/server/auth/sessions";
import { getDb } from "@/lib/server/db";
import { OptionError } from "./lib/options";
import { parseUserCommand, USER_USAGE, type UserCommand } from "./lib/user-command";

async function main(): Promise<number> {
  let command: UserCommand;
  try {
    command = parseUserCommand(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof OptionError)) throw error;
    console.error(`${error.message}\n\n${USER_USAGE}`);
    return 2;
  }
  const user = await findUserByEmail(command.email);
  if (!user) {
    console.error(`No account has the email ${command.email}.`);
    return 1;
  }
  if (command.action === "role") {
    await setUserRole(user.id, command.role);
    console.log(`✔ ${command.email}: role is now ${command.role}`);
  } else if (command.action === "sign-out") {
    console.log(`✔ ${command.email}: ${await revokeAllSessions(user.id)} session(s) ended`);
  } else {
    await (command.action === "disable" ? disableUser(user.id) : enableUser(user.id));
    console.log(`✔ ${command.email}: ${command.action}d`);
  }
  return 0;
}

main()
  .then(async (code) => {
    await getDb().$disconnect();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await getDb().$disconnect().catch(() => {});
    process.exit(1);
  });
