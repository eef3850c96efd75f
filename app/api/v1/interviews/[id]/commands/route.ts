/**
 * POST /api/v1/interviews/:id/commands {type, ...}: a command from the browser (see
 * lib/interview/commands.ts). 403 when it is not the caller's to send, 409 with the state
 * machine's reason when it does not fit the moment, 422 when it does not parse.
 */
import { NextResponse } from "next/server";
import { CommandSchema } from "@/lib/interview/commands";
import { apiError, parseJsonBody, withApiErrors } from "@/lib/server/api";
import { refuseDuringExam } from "@/lib/server/assessments/exam-lock";
import { PRIVATE, sessionOfRequest } from "@/lib/server/interviews/http";
import { runCommand } from "@/lib/server/interviews/sessions";

export const POST = withApiErrors(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const locked = await refuseDuringExam("interviews");
  if (locked) return locked;
  const found = await sessionOfRequest((await params).id);
  if (!found.ok) return found.response;
  const input = await parseJsonBody(request, CommandSchema);
  if (!input.ok) return input.response;
  const result = await runCommand(found.session, found.role, input.data);
  if (!result.ok) return apiError(result.status, result.code, result.message);
  return NextResponse.json({ seq: result.lastSeq }, { headers: PRIVATE });
});
