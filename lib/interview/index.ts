/** Mock interviews: the session state machine, its plan, projections, what-if follow-ups, rubric and report. */
export * from "./types";
export { EMPTY_SESSION, transition, replay, replaySteps, tick, type ReplayResult } from "./machine";
export { stageTimer, runningStage, type StageTimer } from "./timer";
export { planOf, assignBlanks, sheetFor } from "./plan";
export { candidateView, interviewerView, probeFor, type CandidateView, type InterviewerView } from "./views";
export { applyWhatIf, genericWhatIfs, whatIfId, type GenericWhatIf, type WhatIfResult } from "./what-if";
export { followUpDiff, followUpStage, pruneQuestions, type FollowUpDiff, type HopChange, type FieldChange } from "./follow-up";
export { DIMENSIONS, INTERVIEWER_DIMENSIONS, TRACE_ACCURACY, hintCost, scoreRubric, traceLevel, type Dimension, type RubricScore } from "./rubric";
export { gradeStage, overallPercent, type GradingSource, type KeyAndContext } from "./grading";
export { reportOf, WEAK_BELOW, type InterviewReport, type CatalogueEntry } from "./report";
export { CommandSchema, toEvent, type Command } from "./commands";
export { evidenceOf, evidenceOptions, reportEvidence, resolveEvidenceRefs, type EvidenceEntry } from "./evidence";
