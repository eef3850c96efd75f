/**
 * The pure core of instructor-built assessments: definitions (schema, YAML files, checks), the
 * rules that apply to a student, deadlines fixed at start, per-student draws, scoring, feedback
 * visibility and item statistics. No framework, database, file system, clock or global randomness:
 * the server passes `now`, secrets and stored records in, and stores what comes out.
 */
export * from "./schema";
export * from "./check";
export * from "./load";
export * from "./rules";
export * from "./deadline";
export * from "./access";
export * from "./draw";
export * from "./scoring";
export * from "./feedback";
export * from "./statistics";
export { assessmentJsonSchemaText } from "./json-schema";
export * from "./attempt";
export * from "./explain";
export * from "./health";
