/** Shared fixtures for the assessment tests: a small valid definition and instants by name. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { AssessmentSchema, type AssessmentDefinition } from "@/lib/assessment/schema";

export const CATALOGUE = ["aws-private-subnet-nat", "browser-to-google", "https-through-cdn", "kubernetes-service-call", "ssh-via-bastion", "two-offices-same-subnet"];

export const FIXTURE_FILE = path.resolve(__dirname, "fixtures/net101-midterm.yaml");
export const fixtureText = () => readFileSync(FIXTURE_FILE, "utf8");

/** Milliseconds of an ISO instant, for readable tables. */
export const at = (iso: string) => Date.parse(iso);
export const MIN = 60_000;

type Input = Parameters<typeof AssessmentSchema.parse>[0];
/** A definition as loose JSON: tests change any field, even into a wrong type, before parsing. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deliberately untyped so tests can write invalid shapes
type Loose = Record<string, any>;

/** A valid homework definition; `change` edits a plain copy before it is parsed. */
export function homework(change: (d: Loose) => void = () => {}): AssessmentDefinition {
  const d: Loose = {
    id: "hw-1",
    title: "Homework 1",
    kind: "homework",
    zones: [
      { title: "A", choose: 1, alternatives: [
        { scenario: "browser-to-google", difficulty: "beginner", points: 10 },
        { scenario: "https-through-cdn", difficulty: "beginner", points: 10 },
      ] },
      { title: "B", choose: 2, alternatives: [
        { scenario: "aws-private-subnet-nat", difficulty: "beginner", points: 5 },
        { scenario: "ssh-via-bastion", difficulty: "beginner", points: 5 },
        { scenario: "two-offices-same-subnet", difficulty: "beginner", points: 5 },
      ] },
    ],
    access: { release: "2027-03-01T09:00:00Z", close: "2027-03-08T09:00:00Z", attempts: 3 },
  };
  change(d);
  return AssessmentSchema.parse(d as Input);
}

/** A valid exam: 60 minutes, one attempt, closes at 12:00. */
export function exam(change: (d: Loose) => void = () => {}): AssessmentDefinition {
  return homework((d) => {
    d.id = "exam-1";
    d.title = "Exam 1";
    d.kind = "exam";
    d.access = { release: "2027-03-08T09:00:00Z", close: "2027-03-08T12:00:00Z", timeLimitMinutes: 60, attempts: 1 };
    change(d);
  });
}
