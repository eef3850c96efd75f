import { spawn } from "node:child_process";
import { afterAll, describe, expect, test } from "vitest";
import { peakRssMb, processTree, resetPeakRss } from "../../scripts/lib/process-memory";

// /proc is Linux's; elsewhere the helpers report nothing (-1), which the bench prints as such.
describe.runIf(process.platform === "linux")("process memory from /proc", () => {
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"], { stdio: "ignore" });
  afterAll(() => {
    child.kill("SIGKILL");
  });

  test("the tree of a process holds its children", () => {
    expect(processTree(process.pid)).toEqual(expect.arrayContaining([process.pid, child.pid]));
  });

  test("the peak is at least the current RSS, and survives a reset as the current RSS", () => {
    const held = Buffer.alloc(64 * 1024 * 1024, 1); // touched, so resident
    const peak = peakRssMb(process.pid);
    expect(peak).toBeGreaterThanOrEqual(Math.floor(process.memoryUsage().rss / 1048576) - 1);
    resetPeakRss(process.pid);
    expect(peakRssMb(process.pid)).toBeGreaterThan(0);
    expect(held[0]).toBe(1);
  });

  test("a process that is not there has no peak", () => {
    expect(peakRssMb(2 ** 22 + 12345)).toBe(-1);
  });
});
