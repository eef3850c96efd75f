/**
 * Peak resident memory of a process and its descendants, from Linux's /proc (VmHWM, the "high water
 * mark" of VmRSS). Writing 5 to /proc/<pid>/clear_refs resets that mark, so a benchmark can measure
 * the peak of one phase. Elsewhere both report nothing (-1).
 */
import fs from "node:fs";

/** `pid` and every process below it (`next start` may serve from a child). */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of safeReaddir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = safeRead(`/proc/${entry}/stat`);
    if (!stat) continue;
    // "pid (comm) state ppid ...": comm may contain spaces and parentheses.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift()!;
    out.push(next);
    queue.push(...(children.get(next) ?? []));
  }
  return out;
}

/** The largest VmHWM of the tree, in MiB (-1 when /proc cannot tell). */
export function peakRssMb(pid: number): number {
  let peakKb = -1;
  for (const p of processTree(pid)) {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(safeRead(`/proc/${p}/status`) ?? "");
    if (match) peakKb = Math.max(peakKb, Number(match[1]));
  }
  return peakKb < 0 ? -1 : Math.round(peakKb / 1024);
}

/** Resets the high water mark of every process of the tree to its current RSS. */
export function resetPeakRss(pid: number): void {
  for (const p of processTree(pid)) {
    try {
      fs.writeFileSync(`/proc/${p}/clear_refs`, "5");
    } catch {
      // not Linux, or not ours: the peak then covers the process's whole life
    }
  }
}

function safeRead(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
