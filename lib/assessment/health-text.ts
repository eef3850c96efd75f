/** Question health flags in words an instructor can act on. */
import type { HealthFlag } from "./health";

const pct = (share: number) => `${Math.round(share * 100)}%`;

export function flagText(f: HealthFlag): string {
  switch (f.kind) {
    case "shared-unexplained-answer":
      return `${f.students} students answered ${f.value} at ${f.at} ${f.field} (${pct(f.share)} of the answers) and no misconception explains it: check the question and its expected value.`;
    case "common-misconception":
      return `${f.students} students (${pct(f.share)}) showed the misconception ${f.rule}: the question may be ambiguous.`;
    case "negative-discrimination":
      return `Stronger students did worse on it than weaker ones (point-biserial ${f.pointBiserial.toFixed(2)}).`;
    case "no-spread":
      return `Everyone got ${f.facility === 100 ? "all" : "none"} of it, so it does not tell students apart.`;
  }
}
