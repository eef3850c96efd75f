/**
 * POST /api/v1/assessments/:assessmentId/regrade: applies a regrade as the dry run shows it now,
 * to all or the chosen attempts. Instructors only (course.edit-assessments): an assistant gets 403,
 * anyone outside the course 404. Accepts the regrade page's form (then redirects back to it with
 * the outcome) or JSON (then answers with the outcome per attempt).
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { apiError, parseJsonBody, withApiErrors } from "@/lib/server/api";
import { applyRegrade } from "@/lib/server/analytics/regrade";
import { getActor } from "@/lib/server/auth/actor";
import { refusalResponse } from "@/lib/server/auth/http";
import { authorizeAssessment } from "@/lib/server/auth/policy";

const RegradeRequestSchema = z.object({
  target: z.enum(["current", "original"]).default("current"),
  attemptIds: z.array(z.string().min(1).max(64)).max(10_000).optional(),
  allowLower: z.boolean().default(false),
  reason: z.string().trim().min(3, "say why, in a sentence the students will read").max(500),
}).strict();

/** The regrade page's form, as the JSON body would say it. */
async function formBody(request: Request): Promise<unknown> {
  const form = await request.formData().catch(() => null);
  if (!form) return null;
  const ids = form.getAll("attemptIds").map(String);
  return { target: String(form.get("target") ?? "current"), reason: String(form.get("reason") ?? ""), allowLower: form.get("allowLower") === "on", ...(form.get("scope") === "selected" ? { attemptIds: ids } : {}) };
}

export const POST = withApiErrors(async (request: Request, { params }: { params: Promise<{ assessmentId: string }> }) => {
  const { assessmentId } = await params;
  const actor = await getActor();
  const decision = await authorizeAssessment(actor, "course.edit-assessments", assessmentId);
  if (!decision.ok) return refusalResponse(decision.reason);
  const json = (request.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json");
  let input: z.output<typeof RegradeRequestSchema>;
  if (json) {
    const parsed = await parseJsonBody(request, RegradeRequestSchema, { maxBytes: 512 * 1024 });
    if (!parsed.ok) return parsed.response;
    input = parsed.data;
  } else {
    const parsed = RegradeRequestSchema.safeParse(await formBody(request));
    if (!parsed.success) return apiError(422, "invalid_body", parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
    input = parsed.data;
  }
  const applied = await applyRegrade(assessmentId, { ...input, actorId: decision.grant.userId, now: Date.now() });
  if (!applied) return apiError(404, "not_found", "Nothing here with that id.");
  const changed = applied.filter((a) => a.verdict === "raised" || a.verdict === "lowered").length;
  const kept = applied.filter((a) => a.verdict === "kept").length;
  if (json) return NextResponse.json({ applied });
  // A relative Location: request.url names the address the server listens on, which may not be the
  // one the browser used (a proxy, localhost vs 127.0.0.1), and CSP form-action refuses a redirect
  // to another origin after a form post.
  const back = `/teach/courses/${decision.assessment.courseId}/assessments/${assessmentId}/regrade?changed=${changed}&kept=${kept}`;
  return new NextResponse(null, { status: 303, headers: { Location: back } });
});
