/**
 * GET /api/v1/me/progress: the signed-in learner's attempts, mastery per concept, what to practise
 * next and drill totals (the same data as the progress page). 401 for anyone not signed in.
 */
import { NextResponse } from "next/server";
import { apiError, withApiErrors } from "@/lib/server/api";
import { getCurrentUser } from "@/lib/server/auth";
import { getProgress } from "@/lib/server/progress";

export const dynamic = "force-dynamic";

export const GET = withApiErrors(async () => {
  const user = await getCurrentUser();
  if (!user) return apiError(401, "unauthorized", "Sign in to see your progress");
  return NextResponse.json(await getProgress({ userId: user.id }), { headers: { "cache-control": "private, no-store" } });
});
