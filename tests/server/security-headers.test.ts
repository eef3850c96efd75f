/** The security headers: a page CSP that only runs scripts with this request's nonce, and the fixed headers of every response. */
import { describe, expect, test } from "vitest";
import {
  COMMON_SECURITY_HEADERS,
  newNonce,
  NON_DOCUMENT_CONTENT_SECURITY_POLICY,
  oauthFormTargets,
  pageContentSecurityPolicy,
} from "@/lib/server/http/security-headers";

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe("page CSP (production)", () => {
  const policy = directives(pageContentSecurityPolicy("abc123=="));
  test.each([
    { directive: "script-src", values: ["'self'", "'nonce-abc123=='", "'strict-dynamic'"] },
    { directive: "style-src", values: ["'self'", "'unsafe-inline'"] },
    { directive: "object-src", values: ["'none'"] },
    { directive: "base-uri", values: ["'self'"] },
    { directive: "form-action", values: ["'self'"] },
    { directive: "frame-ancestors", values: ["'none'"] },
    { directive: "connect-src", values: ["'self'"] },
  ])("$directive is exactly $values", ({ directive, values }) => {
    expect(policy.get(directive)).toEqual(values);
  });

  test("no directive allows inline or evaluated scripts", () => {
    for (const name of ["script-src", "default-src"]) {
      expect(policy.get(name)).not.toContain("'unsafe-inline'");
      expect(policy.get(name)).not.toContain("'unsafe-eval'");
    }
  });
});

test("development adds only what next dev needs (eval, the HMR socket)", () => {
  const dev = directives(pageContentSecurityPolicy("n", { development: true }));
  expect(dev.get("script-src")).toContain("'unsafe-eval'");
  expect(dev.get("script-src")).not.toContain("'unsafe-inline'");
  expect(dev.get("connect-src")).toEqual(["'self'", "ws:"]);
});

test.each([
  { label: "no OAuth", env: {}, targets: [] },
  { label: "GitHub", env: { GITHUB_ID: "id" }, targets: ["https://github.com"] },
  { label: "both", env: { GITHUB_ID: "id", GOOGLE_CLIENT_ID: "id" }, targets: ["https://github.com", "https://accounts.google.com"] },
])("form-action with $label", ({ env, targets }) => {
  expect(oauthFormTargets(env)).toEqual(targets);
  expect(directives(pageContentSecurityPolicy("n", { formTargets: oauthFormTargets(env) })).get("form-action")).toEqual(["'self'", ...targets]);
});

test("nonces are 128-bit base64 and fresh each time", () => {
  const nonces = new Set(Array.from({ length: 50 }, () => newNonce()));
  expect(nonces.size).toBe(50);
  for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
});

test.each([
  { name: "X-Content-Type-Options", value: "nosniff" },
  { name: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { name: "X-Frame-Options", value: "DENY" },
])("every response: $name: $value", ({ name, value }) => {
  expect(COMMON_SECURITY_HEADERS).toContainEqual({ key: name, value });
});

test("Permissions-Policy turns off the powerful features and names only ones browsers know", () => {
  const policy = COMMON_SECURITY_HEADERS.find((h) => h.key === "Permissions-Policy")?.value ?? "";
  expect(policy.split(", ").sort()).toEqual(["camera=()", "geolocation=()", "microphone=()", "payment=()", "usb=()"]);
});

test("non-documents allow nothing and cannot be framed", () => {
  expect(NON_DOCUMENT_CONTENT_SECURITY_POLICY).toBe("default-src 'none'; frame-ancestors 'none'");
});
