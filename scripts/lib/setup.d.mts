/** Types for the parts of setup.mjs that TypeScript scripts use. */
export const ROOT: string;
export function binary(name: string): string;
export function buildNeeded(): string | null;
export function build(env: NodeJS.ProcessEnv): void;
export function deployMigrations(env: NodeJS.ProcessEnv): Promise<string>;
