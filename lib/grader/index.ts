/** The grader: answer sheets from traces, and predictions scored against the simulator. */
export { buildAnswerKey, buildAnswerSheet, publicSheet, SheetError } from "./sheet";
export { gradeAnswers, gradeSubmission, GRADER_VERSION, type GradeContext, type Submission } from "./grade";
export { modelAnswers, type Answers } from "./model-answers";
export { parseAnswer, isBlank, type FieldKind } from "./kinds";
export type * from "./types";
export { storedResult, isStoredResult, sameVerdicts, type StoredResult, type StoredField } from "./stored";
