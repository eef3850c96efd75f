/**
 * Stale guests are cleaned up: a guest whose attempts and drills were all last touched more than
 * GUEST_IDLE_DAYS ago loses them; a guest active since keeps everything; users' rows (and rows a
 * guest claimed at sign-up) are never touched.
 */
import { expect, test } from "vitest";
import { createAttempt } from "@/lib/server/attempts";
import { getDb } from "@/lib/server/db";
import { recordDrillAttempt } from "@/lib/server/drills";
import { GUEST_IDLE_DAYS, purgeStaleGuests } from "@/lib/server/practice/guest-retention";
import { createUserWithPassword } from "@/lib/server/users";
import type { Owner } from "@/lib/server/owner";
import { newGuest } from "./support/mock-owner";
import { describeEachDatabase } from "./support/test-database";

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date("2027-06-01T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * DAY);
const attemptInput = { scenarioId: "browser-to-google", contentHash: "h", engineVersion: "1", seed: 12_345, difficulty: "beginner" };

/** An attempt and/or a drill of `owner`, last touched `days` ago. */
async function practice(owner: Owner, what: { attemptDays?: number; drillDays?: number }): Promise<void> {
  if (what.attemptDays !== undefined) {
    const a = await createAttempt(owner, attemptInput);
    await getDb().attempt.update({ where: { id: a.id }, data: { updatedAt: daysAgo(what.attemptDays) } });
    expect((await getDb().attempt.findUniqueOrThrow({ where: { id: a.id } })).updatedAt.getTime()).toBe(daysAgo(what.attemptDays).getTime());
  }
  if (what.drillDays !== undefined) {
    await recordDrillAttempt(owner, { kind: "subnetting", seed: 1, correct: 1, total: 2 });
    const drills = await getDb().drillAttempt.findMany({ where: "userId" in owner ? { userId: owner.userId } : { guestId: owner.guestId } });
    await getDb().drillAttempt.updateMany({ where: { id: { in: drills.map((d) => d.id) } }, data: { createdAt: daysAgo(what.drillDays) } });
  }
}

const count = async (owner: Owner) => {
  const where = "userId" in owner ? { userId: owner.userId } : { guestId: owner.guestId };
  return { attempts: await getDb().attempt.count({ where }), drills: await getDb().drillAttempt.count({ where }) };
};

describeEachDatabase("stale guest cleanup", () => {
  test(`guests idle for more than ${GUEST_IDLE_DAYS} days lose their practice; everyone else keeps theirs`, async () => {
    const created = await createUserWithPassword({ email: `keep-${Date.now()}@example.com`, password: "a long enough password" });
    if (!created.ok) throw new Error("no user");
    const cases = [
      { label: "idle guest (attempt and drill)", owner: newGuest(), practice: { attemptDays: 45, drillDays: 40 }, kept: { attempts: 0, drills: 0 } },
      { label: "idle guest (only drills)", owner: newGuest(), practice: { drillDays: 31 }, kept: { attempts: 0, drills: 0 } },
      { label: "guest with an old attempt but a drill yesterday", owner: newGuest(), practice: { attemptDays: 90, drillDays: 1 }, kept: { attempts: 1, drills: 1 } },
      { label: "guest active within the window", owner: newGuest(), practice: { attemptDays: 29 }, kept: { attempts: 1, drills: 0 } },
      { label: "signed-in user idle for a year", owner: { userId: created.user.id } as Owner, practice: { attemptDays: 365, drillDays: 365 }, kept: { attempts: 1, drills: 1 } },
    ];
    for (const c of cases) await practice(c.owner, c.practice);
    const report = await purgeStaleGuests(NOW);
    expect(report.guests).toBeGreaterThanOrEqual(2);
    for (const c of cases) expect({ label: c.label, ...(await count(c.owner)) }).toEqual({ label: c.label, ...c.kept });
    // Running it again finds nothing more to do among these.
    const again = await purgeStaleGuests(NOW);
    expect(again.attempts + again.drills).toBe(0);
  });
});
