/** Types for scripts/lib/serve-options.mjs. */
export const DEFAULT_HOST: string;
export function isLoopbackHost(host: string): boolean;
export type ServeOptions =
  | { host: string; loopback: boolean; seedDemo: boolean; demoReason: string; error?: undefined; fix?: undefined }
  | { error: string; fix: string };
export function resolveServeOptions(env: Record<string, string | undefined>): ServeOptions;
