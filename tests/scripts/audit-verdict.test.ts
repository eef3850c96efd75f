import { describe, expect, test } from "vitest";
import { auditExitCode, auditVerdict } from "../../scripts/lib/audit-verdict";

/** npm audit --json (report version 2) with the given advisories. */
function report(vulnerabilities: Record<string, string>): string {
  const counts = { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 } as Record<string, number>;
  for (const severity of Object.values(vulnerabilities)) {
    counts[severity]! += 1;
    counts.total! += 1;
  }
  return JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities: Object.fromEntries(Object.entries(vulnerabilities).map(([name, severity]) => [name, { name, severity, isDirect: false, via: [], effects: [], range: "*", nodes: [], fixAvailable: true }])),
    metadata: { vulnerabilities: counts, dependencies: { prod: 1, dev: 1, optional: 0, peer: 0, peerOptional: 0, total: 2 } },
  });
}

const UNREACHABLE_405 = JSON.stringify({
  message: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
  method: "POST",
  statusCode: 405,
  body: "",
  error: { summary: "", detail: "" },
});

describe("auditVerdict", () => {
  test.each([
    { label: "no advisories", output: report({}), kind: "clean", says: "no high or critical advisories (0 moderate, 0 low, 0 info)" },
    { label: "only moderate and low", output: report({ a: "moderate", b: "low" }), kind: "clean", says: "(1 moderate, 1 low, 0 info)" },
    { label: "one high", output: report({ tar: "high", b: "low" }), kind: "vulnerable", says: "1 high or critical advisories: tar (high)" },
    { label: "critical and high, named in order", output: report({ zlib: "critical", acorn: "high" }), kind: "vulnerable", says: "acorn (high), zlib (critical)" },
    { label: "the registry refuses the bulk request (405)", output: UNREACHABLE_405, kind: "unchecked", says: "could not be asked: 405 Method Not Allowed" },
    { label: "no network", output: JSON.stringify({ error: { code: "ENOTFOUND", summary: "request to https://registry.npmjs.org failed" } }), kind: "unchecked", says: "request to https://registry.npmjs.org failed" },
    { label: "not JSON at all", output: "npm error something broke\nmore", kind: "unchecked", says: "printed no JSON report: npm error something broke" },
    { label: "nothing printed", output: "", kind: "unchecked", says: "(nothing)" },
  ])("$label: $kind", ({ output, kind, says }) => {
    const verdict = auditVerdict(output);
    expect(verdict.kind).toBe(kind);
    expect(verdict.message).toContain(says);
  });
});

describe("auditExitCode", () => {
  test.each([
    { kind: "clean", required: false, code: 0 },
    { kind: "clean", required: true, code: 0 },
    { kind: "vulnerable", required: false, code: 1 },
    { kind: "vulnerable", required: true, code: 1 },
    { kind: "unchecked", required: false, code: 0 },
    { kind: "unchecked", required: true, code: 1 },
  ] as const)("$kind with HOPWISE_AUDIT_REQUIRED=$required exits $code", ({ kind, required, code }) => {
    expect(auditExitCode({ kind, message: "" }, required)).toBe(code);
  });
});
