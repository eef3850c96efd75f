/**
 * Idempotent seed: a demo instructor and a demo learner. Run by `npm start` (and `npm run db:seed`)
 * with `tsx --conditions=react-server`, which lets it use lib/server like the app does.
 *
 * Each demo account gets a random password when it is first created. It is printed once and kept in
 * data/demo-accounts.txt (readable only by you). HOPWISE_SEED_DEMO=0 skips them; `npm start` sets
 * it from HOST (scripts/lib/serve-options.mjs): demo accounts only on a loopback start or when
 * HOPWISE_SEED_DEMO=1 asks for them.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Role } from "@/lib/auth/roles";
import { getDb } from "@/lib/server/db";
import { createUserWithPassword, findUserByEmail } from "@/lib/server/users";

const DEMO_ACCOUNTS: { email: string; name: string; role: Role }[] = [
  { email: "instructor@demo.hopwise.test", name: "Demo Instructor", role: "instructor" },
  { email: "learner@demo.hopwise.test", name: "Demo Learner", role: "learner" },
];

const CREDENTIALS_FILE = path.join(process.cwd(), "data", "demo-accounts.txt");

async function main(): Promise<void> {
  if (process.env.HOPWISE_SEED_DEMO === "0") return;
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (await findUserByEmail(account.email)) continue;
    const password = randomBytes(9).toString("base64url");
    const result = await createUserWithPassword({ ...account, password });
    if (result.ok) created.push(`${account.role.padEnd(10)} ${account.email}  password: ${password}`);
  }
  if (created.length === 0) {
    console.log("✔ Demo accounts already exist (their passwords are in data/demo-accounts.txt)");
    return;
  }
  fs.mkdirSync(path.dirname(CREDENTIALS_FILE), { recursive: true });
  fs.appendFileSync(CREDENTIALS_FILE, `${created.join("\n")}\n`, { mode: 0o600 });
  fs.chmodSync(CREDENTIALS_FILE, 0o600);
  console.log(`✔ Demo accounts created (also saved to data/demo-accounts.txt):\n  ${created.join("\n  ")}`);
}

main()
  .then(() => getDb().$disconnect())
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    await getDb().$disconnect().catch(() => {});
    process.exit(1);
  });
