/** The grader: answer sheets from traces, and predictions scored against the simulator. */
export { buildAnswerKey, publicSheet, SheetError } from "./sheet";
export { gradeAnswers, GRADER_VERSION, type GradeContext } from "./grade";
export { parseAnswer, isBlank, type FieldKind } from "./kinds";
export type * from "./types";
