/**
 * A signed-in session for the HTTP benchmark: /api/v1/grade stores gradings only for signed-in
 * users (anonymous calls store nothing), so the bench signs up one user and loads the endpoint
 * with that user's session cookie, and "stored gradings = successful responses" still means something.
 */
import { randomBytes } from "node:crypto";

const cookiesOf = (response: Response): string[] => response.headers.getSetCookie().map((c) => c.split(";")[0]!);

/** Signs up a throwaway user and signs in through next-auth's credentials flow; returns the Cookie header value. */
export async function signedInCookie(base: string): Promise<string> {
  const email = `bench-${Date.now()}@bench.hopwise.test`;
  const password = randomBytes(18).toString("base64url");
  const up = await fetch(`${base}/api/v1/auth/sign-up`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  if (up.status !== 201) throw new Error(`sign-up for the bench user answered ${up.status}: ${(await up.text()).slice(0, 200)}`);
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST", redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf).join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = cookiesOf(signIn).filter((c) => /session-token=/.test(c));
  if (session.length === 0) throw new Error(`signing in the bench user gave no session cookie (status ${signIn.status})`);
  return session.join("; ");
}
