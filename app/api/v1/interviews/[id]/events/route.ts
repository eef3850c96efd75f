/**
 * GET /api/v1/interviews/:id/events: the caller's projection as server-sent events, id = the log's
 * sequence number; send Last-Event-ID to resume. 404 to anyone but the interviewer and the candidate.
 */
import { withApiErrors } from "@/lib/server/api";
import { refuseDuringExam } from "@/lib/server/assessments/exam-lock";
import { sessionOfRequest } from "@/lib/server/interviews/http";
import { lastEventIdOf, sessionEventStream } from "@/lib/server/interviews/stream";

export const dynamic = "force-dynamic";

export const GET = withApiErrors(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const found = await sessionOfRequest((await params).id);
  if (!found.ok) return found.response;
  // The console holds the true trace; the candidate's view holds no expected value.
  if (found.role === "interviewer") {
    const locked = await refuseDuringExam("interviews");
    if (locked) return locked;
  }
  const stream = sessionEventStream(found.session, found.role, lastEventIdOf(request), request.signal);
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "private, no-store, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
});
