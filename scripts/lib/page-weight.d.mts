/** Types for scripts/lib/page-weight.mjs (tested from TypeScript). */
export interface MeasuredPage {
  readonly name: string;
  readonly url: string;
  readonly html: number;
  readonly rsc: number;
  readonly css: number;
  readonly js: number;
  readonly lazy?: number;
}
export interface CheckedPage extends MeasuredPage {
  readonly total: number;
  readonly budget: number | null;
  readonly pass: boolean;
}
export function assetsOf(html: string): { scripts: string[]; styles: string[] };
export function budgetFor(bytes: number): number;
export function checkBudgets(pages: readonly MeasuredPage[], budgets: Readonly<Record<string, number>>): CheckedPage[];
export function kB(bytes: number): string;
export function formatReport(rows: readonly CheckedPage[]): string;
