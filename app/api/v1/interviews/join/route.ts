/** POST /api/v1/interviews/join {code}: joins a live interview as its candidate (a guest if not signed in). */
import { NextResponse } from "next/server";
import { apiError, notFound, parseJsonBody, withApiErrors } from "@/lib/server/api";
import { JoinInterviewSchema, PRIVATE } from "@/lib/server/interviews/http";
import { joinInterview } from "@/lib/server/interviews/sessions";
import { getOrCreateRequestOwner } from "@/lib/server/request-owner";

const REASONS = {
  own_session: [409, "You are the interviewer of this session; open it from your interviews instead"],
  taken: [409, "Another candidate has already joined this session"],
  ended: [409, "This interview has ended"],
} as const;

export const POST = withApiErrors(async (request: Request) => {
  const input = await parseJsonBody(request, JoinInterviewSchema);
  if (!input.ok) return input.response;
  const joined = await joinInterview(input.data.code, await getOrCreateRequestOwner());
  if (!joined.ok) {
    if (joined.reason === "not_found") return notFound("interview with that code");
    const [status, message] = REASONS[joined.reason];
    return apiError(status, joined.reason, message);
  }
  return NextResponse.json({ id: joined.session.id }, { headers: PRIVATE });
});
