/**
 * A stand-in for lib/server/practice/variant-guard.ts in route tests that have no database: no
 * variant is in an open attempt, so the study routes serve every public variant. The real guard
 * is tested against a database in tests/server/variant-guard.test.ts.
 */
export const VARIANT_IN_PRACTICE = "variant_in_practice";
export const isVariantInPractice = async () => false;
export const refuseVariantInPractice = async () => null;
export const refuseTraceInPractice = async () => null;
export const refuseFingerprintInPractice = async () => null;
