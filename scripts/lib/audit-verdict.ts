/**
 * What `npm run audit` makes of `npm audit --json`: fail on any high or critical advisory, pass
 * otherwise. When the advisory service cannot be reached (some registry mirrors answer the bulk
 * advisory request with 405, or there is no network), nothing is known: that is reported as
 * "unchecked", which fails only when HOPWISE_AUDIT_REQUIRED=1 asks for a real answer.
 */

export type AuditVerdict =
  | { readonly kind: "clean"; readonly message: string }
  | { readonly kind: "vulnerable"; readonly message: string }
  | { readonly kind: "unchecked"; readonly message: string };

interface AuditJson {
  readonly metadata?: { readonly vulnerabilities?: Partial<Record<Severity | "total", number>> };
  readonly vulnerabilities?: Record<string, { readonly severity?: string; readonly via?: readonly unknown[] }>;
  readonly message?: string;
  readonly statusCode?: number;
  readonly error?: { readonly code?: string; readonly summary?: string };
}

type Severity = "info" | "low" | "moderate" | "high" | "critical";
const FAILING: readonly Severity[] = ["high", "critical"];

/** The verdict on npm audit's JSON output (`--json`), given as text. */
export function auditVerdict(output: string): AuditVerdict {
  let report: AuditJson;
  try {
    report = JSON.parse(output) as AuditJson;
  } catch {
    return { kind: "unchecked", message: `npm audit printed no JSON report: ${firstLine(output) || "(nothing)"}` };
  }
  const counts = report.metadata?.vulnerabilities;
  if (!counts) {
    const reason = report.message ?? report.error?.summary ?? report.error?.code ?? "no report";
    return { kind: "unchecked", message: `the advisory service could not be asked: ${firstLine(reason)}` };
  }
  const failing = Object.entries(report.vulnerabilities ?? {})
    .filter(([, v]) => FAILING.includes(v.severity as Severity))
    .map(([name, v]) => `${name} (${v.severity})`)
    .sort();
  const highCount = (counts.high ?? 0) + (counts.critical ?? 0);
  if (highCount > 0 || failing.length > 0) {
    return { kind: "vulnerable", message: `${highCount} high or critical advisories: ${failing.join(", ") || "see npm audit"}` };
  }
  const below = (["moderate", "low", "info"] as const).map((s) => `${counts[s] ?? 0} ${s}`).join(", ");
  return { kind: "clean", message: `no high or critical advisories (${below})` };
}

/** The exit code for a verdict: unchecked passes unless a real answer is required. */
export function auditExitCode(verdict: AuditVerdict, required: boolean): number {
  if (verdict.kind === "vulnerable") return 1;
  if (verdict.kind === "unchecked") return required ? 1 : 0;
  return 0;
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0]?.slice(0, 300) ?? "";
}
