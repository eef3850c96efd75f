/** GET /api/v1/interviews/:id: the caller's projection (candidate view or interviewer console); 404 to anyone else. */
import { NextResponse } from "next/server";
import { withApiErrors } from "@/lib/server/api";
import { PRIVATE, sessionOfRequest } from "@/lib/server/interviews/http";
import { currentProjection } from "@/lib/server/interviews/sessions";

export const GET = withApiErrors(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const found = await sessionOfRequest((await params).id);
  if (!found.ok) return found.response;
  return NextResponse.json(await currentProjection(found.session, found.role), { headers: PRIVATE });
});
