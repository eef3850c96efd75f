/** The drill kinds in words, for the filter and the drill's heading. */
import type { DrillKind } from "@/lib/drills/types";

export const DRILL_KIND_LABELS: Readonly<Record<DrillKind, string>> = {
  "subnet-facts": "Subnet facts",
  "address-category": "Address category",
  "classful-class": "Classful class",
  "netmask-prefix": "Netmask / prefix",
  "cidr-contains": "CIDR contains",
};

/** A kind's label; unknown kinds (older stored data) are shown as they are. */
export function drillKindLabel(kind: string): string {
  return (DRILL_KIND_LABELS as Readonly<Record<string, string>>)[kind] ?? kind;
}
