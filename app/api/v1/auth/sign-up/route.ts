/** POST /api/v1/auth/sign-up: create an account with email + password (the form then signs in). */
import { type NextRequest, NextResponse } from "next/server";
import { SignUpSchema } from "@/lib/auth/schemas";
import { apiError, parseJsonBody, withApiErrors } from "@/lib/server/api";
import { claimGuestAttempts } from "@/lib/server/attempts";
import { getAuthEnv } from "@/lib/server/env";
import { GUEST_COOKIE, verifyGuestToken } from "@/lib/server/guest";
import { createUserWithPassword } from "@/lib/server/users";
import { withRateLimit } from "@/lib/server/http/rate-limit";

export const POST = withApiErrors(withRateLimit("sign_up", async (request: NextRequest) => {
  const input = await parseJsonBody(request, SignUpSchema);
  if (!input.ok) return input.response;

  const created = await createUserWithPassword(input.data);
  if (!created.ok && created.reason === "invalid_password") {
    return apiError(422, "invalid_input", "Some fields need fixing", { password: [created.message] });
  }
  if (!created.ok) {
    return apiError(409, "email_taken", "An account with this email already exists", {
      email: ["An account with this email already exists. Sign in instead?"],
    });
  }

  const guestId = verifyGuestToken(request.cookies.get(GUEST_COOKIE)?.value, getAuthEnv().NEXTAUTH_SECRET);
  const claimed = guestId ? await claimGuestAttempts(guestId, created.user.id) : { attempts: 0, drills: 0 };

  const { id, email, name, role } = created.user;
  return NextResponse.json({ user: { id, email, name, role }, claimed }, { status: 201 });
}));
