/**
 * GET /api/v1/drills/explain?address=10.37.200.9/22: the worked explanation of any address and
 * prefix (or netmask) a learner types: netmask, network, broadcast, usable range and count, class
 * and special range. Pure arithmetic, no database; rate limited with the other drills routes.
 */
import { NextResponse } from "next/server";
import { fieldErrorsOf } from "@/lib/auth/schemas";
import { explainAddress } from "@/lib/drills/explain-address";
import { apiError, withApiErrors } from "@/lib/server/api";
import { withRateLimit } from "@/lib/server/http/rate-limit";
import { ExplainAddressQuerySchema } from "../schemas";
import { refuseDuringExam } from "@/lib/server/assessments/exam-lock";

export const dynamic = "force-dynamic";

export const GET = withApiErrors(withRateLimit("drills", async (request: Request) => {
  const locked = await refuseDuringExam("drills");
  if (locked) return locked;
  const address = new URL(request.url).searchParams.get("address");
  const parsed = ExplainAddressQuerySchema.safeParse({ address: address ?? undefined });
  if (!parsed.success) {
    const fields = fieldErrorsOf(parsed.error);
    return apiError(422, "invalid_input", fields.address?.[0] ?? "Invalid address", fields);
  }
  return NextResponse.json(
    { explanation: explainAddress(parsed.data.address.address, parsed.data.address.prefix) },
    { headers: { "cache-control": "no-store" } },
  );
}));
