/**
 * A stand-in for lib/server/assessments/exam-lock.ts in route tests without a request or a
 * database: nobody has an exam in progress. The real lock is tested against a database in
 * tests/server/assessments/exam-lock.test.ts.
 */
export const EXAM_IN_PROGRESS = "exam_in_progress";
export const findExamLock = async () => null;
export const examLockOnRequest = async () => null;
export const examLockForPage = async () => null;
export const refuseDuringExam = async () => null;
