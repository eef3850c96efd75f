/** Addressing drills: a seeded question bank on RFC 1918, CIDR maths and special addresses, with a grader. */
export * from "./types";
export { generateDrill, publicDrill, isDrillKind, isDrillSeed, kindForSeed, drillId } from "./generate";
export { gradeDrill, answerKey } from "./grade";
export { parseAnswer, sameAnswer, formatAnswer, describeAnswer } from "./answers";
