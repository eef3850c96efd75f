/** The interview rules (lib/server/auth/policies/interviews.ts), table by table. */
import { describe, expect, test } from "vitest";
import { commandAllowed, interviewAllows, interviewRoleOf, joinAllowed, type InterviewParticipant } from "@/lib/server/auth/policies/interviews";

const LIVE = { mode: "live", interviewerId: "u-int", candidateId: "u-cand", candidateGuestId: null, status: "open" };
const SOLO_GUEST = { mode: "solo", interviewerId: null, candidateId: null, candidateGuestId: "g-1", status: "open" };
const user = (userId: string): InterviewParticipant => ({ kind: "user", userId });
const guest = (guestId: string): InterviewParticipant => ({ kind: "guest", guestId });

describe("roles", () => {
  test.each([
    ["the interviewer", LIVE, user("u-int"), "interviewer"],
    ["the candidate", LIVE, user("u-cand"), "candidate"],
    ["another user", LIVE, user("u-other"), null],
    ["a guest", LIVE, guest("g-1"), null],
    ["nobody", LIVE, { kind: "anonymous" } as const, null],
    ["the solo guest", SOLO_GUEST, guest("g-1"), "candidate"],
    ["another guest on a solo session", SOLO_GUEST, guest("g-2"), null],
  ] as const)("%s", (_label, session, who, role) => {
    expect(interviewRoleOf(session, who)).toBe(role);
  });
});

describe("commands", () => {
  test.each([
    ["live: the interviewer starts stages", "interviewer", "live", "stage-started", true],
    ["live: the candidate cannot start stages", "candidate", "live", "stage-started", false],
    ["live: the candidate cannot reveal hints", "candidate", "live", "hint-revealed", false],
    ["live: the candidate saves answers", "candidate", "live", "answers-saved", true],
    ["live: the interviewer cannot save answers", "interviewer", "live", "answers-saved", false],
    ["live: notes are the interviewer's", "candidate", "live", "note-added", false],
    ["live: the scorecard is the interviewer's", "interviewer", "live", "scorecard-submitted", true],
    ["solo: the learner controls stages", "candidate", "solo", "stage-started", true],
    ["solo: the learner asks follow-ups", "candidate", "solo", "follow-up-asked", true],
    ["solo: no notes without an interviewer", "candidate", "solo", "note-added", false],
  ] as const)("%s", (_label, role, mode, type, allowed) => {
    expect(commandAllowed(role, mode, type)).toBe(allowed);
  });

  test.each([["interviewer", true], ["candidate", false]] as const)("the console: %s -> %s", (role, allowed) => {
    expect(interviewAllows(role, "interview.console")).toBe(allowed);
    expect(interviewAllows(role, "interview.view")).toBe(true);
  });
});

describe("joining", () => {
  test.each([
    ["an open live session with no candidate", { ...LIVE, candidateId: null }, guest("g-9"), "ok"],
    ["the candidate again, after a reload", LIVE, user("u-cand"), "ok"],
    ["somebody else once a candidate is in", LIVE, guest("g-9"), "taken"],
    ["the interviewer", { ...LIVE, candidateId: null }, user("u-int"), "own-session"],
    ["an ended session", { ...LIVE, status: "ended" }, user("u-cand"), "ended"],
    ["a solo session", SOLO_GUEST, guest("g-9"), "not-live"],
  ] as const)("%s", (_label, session, who, result) => {
    expect(joinAllowed(session, who)).toBe(result);
  });
});
