/** GET /api/health: the process is up and serving (no database call, so it is cheap to poll). */
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ ok: true });
}
