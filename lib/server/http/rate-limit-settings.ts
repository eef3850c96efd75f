/**
 * The rate limits: which actions are counted, per what key, how many tries in how long. On by
 * default; each is overridable with HOPWISE_RATE_LIMIT_<NAME>="<tries>/<seconds>", and
 * HOPWISE_RATE_LIMITS=off turns them all off (the test suites, e2e server and benches do, since
 * they send everything from one address). README "Rate limits" lists them.
 */
import { LimitSettingError } from "./limits";

type Env = Readonly<Record<string, string | undefined>>;

export type RateLimitName = "sign_in_ip" | "sign_in_account" | "sign_up" | "simulate" | "grade" | "drills";

export interface RateLimitPolicy {
  readonly name: RateLimitName;
  /** Tries allowed in each window. */
  readonly points: number;
  /** The window, in seconds; the count starts at the first try. */
  readonly seconds: number;
}

/** Defaults: generous for a person, tight for a script. */
export const DEFAULT_RATE_LIMITS: Readonly<Record<RateLimitName, { points: number; seconds: number; per: string }>> = {
  sign_in_ip: { points: 30, seconds: 15 * 60, per: "client address" },
  sign_in_account: { points: 10, seconds: 15 * 60, per: "account email" },
  sign_up: { points: 10, seconds: 60 * 60, per: "client address" },
  simulate: { points: 30, seconds: 60, per: "client address" },
  grade: { points: 60, seconds: 60, per: "client address" },
  drills: { points: 120, seconds: 60, per: "client address" },
};

export function rateLimitEnvName(name: RateLimitName): string {
  return `HOPWISE_RATE_LIMIT_${name.toUpperCase()}`;
}

/** Whether rate limiting is on (it is unless HOPWISE_RATE_LIMITS is "off", "0" or "false"). */
export function rateLimitsEnabled(env: Env = process.env): boolean {
  const raw = env.HOPWISE_RATE_LIMITS?.trim().toLowerCase() ?? "";
  if (raw === "" || raw === "on" || raw === "1" || raw === "true") return true;
  if (raw === "off" || raw === "0" || raw === "false") return false;
  throw new LimitSettingError(`HOPWISE_RATE_LIMITS=${env.HOPWISE_RATE_LIMITS}: use on or off`);
}

/** The policy in force for a limit: its default, or "<tries>/<seconds>" from its variable. */
export function rateLimitPolicy(name: RateLimitName, env: Env = process.env): RateLimitPolicy {
  const variable = rateLimitEnvName(name);
  const raw = env[variable]?.trim();
  if (raw === undefined || raw === "") return { name, points: DEFAULT_RATE_LIMITS[name].points, seconds: DEFAULT_RATE_LIMITS[name].seconds };
  const match = /^(\d+)\/(\d+)$/.exec(raw);
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
    throw new LimitSettingError(`${variable}=${raw}: use <tries>/<seconds>, e.g. ${DEFAULT_RATE_LIMITS[name].points}/${DEFAULT_RATE_LIMITS[name].seconds}`);
  }
  return { name, points: Number(match[1]), seconds: Number(match[2]) };
}

/** How many proxies in front of the app add X-Forwarded-For (TRUST_PROXY; 0, the default, trusts none). */
export function trustedProxies(env: Env = process.env): number {
  const raw = env.TRUST_PROXY?.trim().toLowerCase() ?? "";
  if (raw === "" || raw === "false") return 0;
  if (raw === "true") return 1;
  if (!/^\d+$/.test(raw)) throw new LimitSettingError(`TRUST_PROXY=${env.TRUST_PROXY}: use the number of proxies in front of the app (0 for none)`);
  return Number(raw);
}

/** Throws LimitSettingError naming the first bad setting (start-up check). */
export function checkRateLimitSettings(env: Env = process.env): void {
  rateLimitsEnabled(env);
  for (const name of Object.keys(DEFAULT_RATE_LIMITS) as RateLimitName[]) rateLimitPolicy(name, env);
  trustedProxies(env);
}
