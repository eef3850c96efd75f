/** Concepts and difficulties in words, for filters, tags and the progress page. */
import { CONCEPTS, type Concept, DIFFICULTIES, type Difficulty } from "@/lib/scenario/schema";

export const CONCEPT_LABELS: Readonly<Record<Concept, string>> = {
  l2: "Ethernet & ARP",
  routing: "Routing",
  nat: "NAT",
  dns: "DNS",
  tcp: "TCP",
  tls: "TLS",
  http: "HTTP",
  security: "Security groups & firewalls",
  cloud: "Cloud networking",
  kubernetes: "Kubernetes",
  cdn: "CDNs",
  addressing: "Addressing",
};

export const DIFFICULTY_LABELS: Readonly<Record<Difficulty, string>> = {
  beginner: "Beginner",
  intermediate: "Intermediate",
  advanced: "Advanced",
};

/** What each difficulty asks of the learner, for the "Practise" choice. */
export const DIFFICULTY_HINTS: Readonly<Record<Difficulty, string>> = {
  beginner: "Predict addresses and ports at the key hops.",
  intermediate: "Add TTLs, sequence numbers, MACs and NAT entries.",
  advanced: "Every field that matters, including route choices.",
};

/** A concept's label; unknown ids (older stored data) are shown as they are. */
export function conceptLabel(concept: string): string {
  return (CONCEPT_LABELS as Readonly<Record<string, string>>)[concept] ?? concept;
}

export function isConcept(value: unknown): value is Concept {
  return typeof value === "string" && (CONCEPTS as readonly string[]).includes(value);
}

export function isDifficulty(value: unknown): value is Difficulty {
  return typeof value === "string" && (DIFFICULTIES as readonly string[]).includes(value);
}
