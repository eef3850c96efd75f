/** Types for scratch-postgres.mjs. */
export interface DropOptions {
  readonly attempts?: number;
  readonly waitMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}
export function createScratchDatabase(adminUrl: string, name: string): Promise<string>;
export function dropScratchDatabase(adminUrl: string, name: string, options?: DropOptions): Promise<void>;
export function dropScratchDatabaseWith(run: (sql: string) => Promise<unknown>, name: string, options?: DropOptions): Promise<void>;
