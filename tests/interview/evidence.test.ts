/**
 * Rubric evidence: a mark cites log entries (notes, the candidate's answer saves) by sequence
 * number; the citation is checked against the log, locked with the scorecard, and reaches the
 * candidate's report only once the scorecard is submitted, and only for the cited entries.
 */
import { describe, expect, test } from "vitest";
import { evidenceOf, evidenceOptions, reportEvidence, resolveEvidenceRefs } from "@/lib/interview/evidence";
import { transition } from "@/lib/interview/machine";
import { scoreRubric } from "@/lib/interview/rubric";
import type { EvidenceRef, RefusalReason, SessionEvent } from "@/lib/interview/types";
import { ev, liveStarted, stateOf } from "./fixture";

// Log positions: 1 created, 2 joined, 3 stage one started, then:
const base: SessionEvent[] = [
  ...liveStarted(),
  ev("answers-saved", 1.5, "candidate", { stageId: "one", answers: { "f/a": "10.0.0.1" } }), // 4
  ev("note-added", 2, "interviewer", { text: "CITED: read the NAT table aloud" }), // 5
  ev("hint-revealed", 2.5, "interviewer", { stageId: "one", index: 0 }), // 6
  ev("note-added", 3, "interviewer", { text: "PRIVATE: seemed nervous" }), // 7
  ev("answers-saved", 3.5, "candidate", { stageId: "one", answers: { "f/b": ["a", "b"] } }), // 8
];
const state = stateOf(base);

const score = (dimension: string, level: number, evidence: EvidenceRef[], minutes = 4) => ev("rubric-scored", minutes, "interviewer", { dimension, level, evidence });
const fullCard = (reasoning: EvidenceRef[]): SessionEvent[] => [score("reasoning", 3, reasoning), score("troubleshooting", 2, []), score("communication", 4, [8])];

describe("what a mark may cite", () => {
  test("notes and answer saves, in log order, each with its log sequence number", () => {
    expect(state.seq).toBe(8);
    expect(evidenceOptions(state).map((e) => [e.seq, e.kind, e.stageId, e.stageTitle])).toEqual([[4, "answer", "one", "Stage one"], [5, "note", "one", "Stage one"], [7, "note", "one", "Stage one"], [8, "answer", "one", "Stage one"]]);
    expect(evidenceOptions(state).find((e) => e.seq === 8)!.text).toBe("f/b: a → b");
  });

  test.each<[string, EvidenceRef[], { seqs: number[] } | { missing: string[] }]>([
    ["a note by its log entry", [5], { seqs: [5] }],
    ["an answer save by its log entry", [4], { seqs: [4] }],
    ["a note by its id, as older logs stored it", ["n2"], { seqs: [7] }],
    ["the same entry twice, by seq and by id, collapses", [5, "n1", 5], { seqs: [5] }],
    ["entries come back in log order", [8, 4, 5], { seqs: [4, 5, 8] }],
    ["nothing cited", [], { seqs: [] }],
    ["a hint event is not evidence", [6], { missing: ["6"] }],
    ["the created event is not evidence", [1], { missing: ["1"] }],
    ["an entry past the end of the log", [99], { missing: ["99"] }],
    ["a note id that does not exist", ["n9"], { missing: ["n9"] }],
  ])("%s", (_label, refs, expected) => {
    const r = resolveEvidenceRefs(state, refs);
    expect(r.ok ? { seqs: r.seqs } : { missing: r.missing }).toEqual(expected);
  });
});

describe("the machine checks citations and locks them with the scorecard", () => {
  test.each<[string, SessionEvent[], SessionEvent, RefusalReason | number[]]>([
    ["a note and an answer are stored as log entries", base, score("reasoning", 3, [8, "n1"]), [5, 8]],
    ["citing a hint event is refused", base, score("reasoning", 3, [6]), "UNKNOWN_EVIDENCE"],
    ["citing an unknown note id is refused", base, score("reasoning", 3, ["n3"]), "UNKNOWN_NOTE"],
    ["changing the evidence before submitting is allowed", [...base, score("reasoning", 3, [5])], score("reasoning", 3, [7]), [7]],
    ["changing the evidence after submitting is refused", [...base, ...fullCard([5]), ev("scorecard-submitted", 5, "interviewer")], score("reasoning", 3, [5, 7], 6), "SCORECARD_LOCKED"],
  ])("%s", (_label, before, event, expected) => {
    const r = transition(stateOf(before), event);
    if (typeof expected === "string") expect(r.ok ? "accepted" : r.refusal.reason).toBe(expected);
    else expect(r.ok ? r.state.rubric["reasoning"]!.evidence : r.refusal.reason).toEqual(expected);
  });

  test("a refused citation leaves the mark as it was", () => {
    const before = stateOf([...base, score("reasoning", 3, [5])]);
    const r = transition(before, score("reasoning", 2, [6], 5));
    expect(r.ok).toBe(false);
    expect(r.state.rubric["reasoning"]).toEqual(before.rubric["reasoning"]);
  });
});

describe("what reaches the candidate's report", () => {
  const scoredOnly = stateOf([...base, ...fullCard([5, 4])]);
  const submitted = stateOf([...base, ...fullCard([5, 4]), ev("scorecard-submitted", 5, "interviewer")]);
  const texts = (s: typeof state, d: string) => reportEvidence(s, d).map((e) => e.text);

  test.each([
    ["before the scorecard is submitted: nothing", scoredOnly, "reasoning", []],
    ["after: the cited note and answer, in log order", submitted, "reasoning", ["f/a: 10.0.0.1", "CITED: read the NAT table aloud"]],
    ["after: a dimension cited with nothing shows nothing", submitted, "troubleshooting", []],
    ["after: an answer cited alone", submitted, "communication", ["f/b: a → b"]],
    ["an unknown dimension shows nothing", submitted, "charm", []],
  ] as const)("%s", (_label, s, dimension, expected) => {
    expect(texts(s, dimension)).toEqual(expected);
  });

  test.each([
    ["the interviewer's console sees what they cite as they go", scoredOnly, "attached", ["f/a: 10.0.0.1", "CITED: read the NAT table aloud"]],
    ["the report's rubric shows nothing before submission", scoredOnly, "submitted", []],
    ["the report's rubric shows the citations after", submitted, "submitted", ["f/a: 10.0.0.1", "CITED: read the NAT table aloud"]],
  ] as const)("scoreRubric: %s", (_label, s, audience, expected) => {
    const reasoning = scoreRubric(s, 80, audience).dimensions.find((d) => d.id === "reasoning")!;
    expect(reasoning.evidence.map((e) => e.text)).toEqual(expected);
  });

  test.each([
    ["the console shows the interviewer's level as they go", scoredOnly, "attached", 3],
    ["the report holds the level back until the scorecard is submitted", scoredOnly, "submitted", null],
    ["the report shows it once submitted", submitted, "submitted", 3],
  ] as const)("scoreRubric level: %s", (_label, s, audience, level) => {
    const reasoning = scoreRubric(s, 80, audience).dimensions.find((d) => d.id === "reasoning")!;
    expect(reasoning.level).toBe(level);
    expect(reasoning.anchor === null).toBe(level === null);
  });

  test("an uncited private note appears nowhere in the report's rubric", () => {
    expect(JSON.stringify(scoreRubric(submitted, 80, "submitted"))).not.toContain("PRIVATE");
    expect(JSON.stringify(scoreRubric(submitted, 80, "submitted"))).toContain("CITED");
  });

  test("evidenceOf ignores sequence numbers that name no citable entry", () => {
    expect(evidenceOf(state, [1, 5, 6, 42]).map((e) => e.seq)).toEqual([5]);
  });
});
