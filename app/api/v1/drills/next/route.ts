/**
 * GET /api/v1/drills/next?kind=: a new addressing drill without its answers. Its seed travels
 * with it: grading regenerates the drill (and its answers) from the seed.
 */
import { NextResponse } from "next/server";
import { fieldErrorsOf } from "@/lib/auth/schemas";
import { apiError, withApiErrors } from "@/lib/server/api";
import { nextPublicDrill } from "@/lib/server/drill-bank";
import { NextDrillQuerySchema } from "../schemas";
import { withRateLimit } from "@/lib/server/http/rate-limit";
import { refuseDuringExam } from "@/lib/server/assessments/exam-lock";

export const dynamic = "force-dynamic";

export const GET = withApiErrors(withRateLimit("drills", async (request: Request) => {
  const locked = await refuseDuringExam("drills");
  if (locked) return locked;
  const kind = new URL(request.url).searchParams.get("kind");
  const parsed = NextDrillQuerySchema.safeParse({ kind: kind === null || kind === "" ? undefined : kind });
  if (!parsed.success) return apiError(422, "invalid_input", "Unknown drill kind", fieldErrorsOf(parsed.error));
  return NextResponse.json({ drill: nextPublicDrill(parsed.data.kind) }, { headers: { "cache-control": "no-store" } });
}));
