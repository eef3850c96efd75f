/** Where the pools' work runs, from the environment and the number of cores (lib/server/http/limits.ts). */
import { describe, expect, test } from "vitest";
import { assessmentWorkInline, poolSettings } from "@/lib/server/http/limits";

describe("exam questions: on the assessment pool or on the request's thread", () => {
  test.each([
    { label: "2 cores, unset: inline (a one-thread pool is the class's only queue)", env: {}, cpus: 2, inline: true },
    { label: "1 core, unset: inline", env: {}, cpus: 1, inline: true },
    { label: "4 cores, unset: the pool (three threads beside the event loop)", env: {}, cpus: 4, inline: false },
    { label: "2 cores, HOPWISE_ASSESS_INLINE=0: the pool", env: { HOPWISE_ASSESS_INLINE: "0" }, cpus: 2, inline: false },
    { label: "8 cores, HOPWISE_ASSESS_INLINE=1: inline", env: { HOPWISE_ASSESS_INLINE: "1" }, cpus: 8, inline: true },
  ])("$label", ({ env, cpus, inline }) => {
    expect(assessmentWorkInline(env, cpus)).toBe(inline);
  });
});

describe("the assessment pool's threads", () => {
  test.each([
    { label: "one per core but one", cpus: 4, threads: 3 },
    { label: "at least one", cpus: 1, threads: 1 },
    { label: "at most four", cpus: 16, threads: 4 },
  ])("$label", ({ cpus, threads }) => {
    expect(poolSettings({}, "assessment", cpus).threads).toBe(threads);
  });
});
