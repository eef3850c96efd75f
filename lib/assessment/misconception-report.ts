/**
 * Misconceptions across a course: which wrong mental models the grader recognised, in how many
 * students, on which questions, week by week, with example attempts an instructor can open.
 * Pure: the server lists the graded questions (one row per attempt question) and passes them in.
 */

export interface MisconceptionSighting {
  readonly studentId: string;
  readonly attemptId: string;
  readonly assessmentId: string;
  /** What groups it into a question, e.g. "<assessment title> · z0q0 · nat-basics". */
  readonly questionId: string;
  /** When the attempt was graded (ms since the epoch). */
  readonly at: number;
  /** Rules recognised in this question's answers (duplicates are fine). */
  readonly rules: readonly string[];
}

export interface RuleByQuestion {
  readonly questionId: string;
  readonly assessmentId: string;
  readonly students: number;
}

export interface RuleWeek {
  /** Monday 00:00 UTC of the week (ms). */
  readonly weekStart: number;
  readonly students: number;
}

export interface MisconceptionSummary {
  readonly rule: string;
  /** Distinct students in whom it was seen at least once. */
  readonly students: number;
  /** Share of the students who had any graded question. */
  readonly share: number;
  /** Most students first. */
  readonly questions: readonly RuleByQuestion[];
  /** Oldest week first; only weeks in which it was seen. */
  readonly weeks: readonly RuleWeek[];
  /** A few attempts to look at, most recent first, one per student. */
  readonly examples: readonly { readonly attemptId: string; readonly studentId: string; readonly questionId: string }[];
}

const DAY = 86_400_000;

/** Monday 00:00 UTC of the week holding `t`. */
export function weekStart(t: number): number {
  const day = Math.floor(t / DAY);
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday = 0.
  const weekday = (day + 3) % 7;
  return (day - weekday) * DAY;
}

/** The course's misconceptions, most students first (ties by rule name). */
export function misconceptionReport(sightings: readonly MisconceptionSighting[], examplesPerRule = 3): readonly MisconceptionSummary[] {
  const everyone = new Set(sightings.map((s) => s.studentId));
  type Tally = { students: Set<string>; questions: Map<string, { assessmentId: string; students: Set<string> }>; weeks: Map<number, Set<string>>; seen: MisconceptionSighting[] };
  const byRule = new Map<string, Tally>();
  for (const s of sightings) {
    for (const rule of new Set(s.rules)) {
      const r: Tally = byRule.get(rule) ?? { students: new Set(), questions: new Map(), weeks: new Map(), seen: [] };
      r.students.add(s.studentId);
      const q = r.questions.get(s.questionId) ?? { assessmentId: s.assessmentId, students: new Set<string>() };
      q.students.add(s.studentId);
      r.questions.set(s.questionId, q);
      const w = weekStart(s.at);
      r.weeks.set(w, (r.weeks.get(w) ?? new Set()).add(s.studentId));
      r.seen.push(s);
      byRule.set(rule, r);
    }
  }
  return [...byRule.entries()].map(([rule, r]): MisconceptionSummary => {
    const examples: MisconceptionSummary["examples"][number][] = [];
    const shown = new Set<string>();
    for (const s of [...r.seen].sort((a, b) => b.at - a.at || a.attemptId.localeCompare(b.attemptId))) {
      if (examples.length >= examplesPerRule) break;
      if (shown.has(s.studentId)) continue;
      shown.add(s.studentId);
      examples.push({ attemptId: s.attemptId, studentId: s.studentId, questionId: s.questionId });
    }
    return {
      rule,
      students: r.students.size,
      share: r.students.size / everyone.size,
      questions: [...r.questions.entries()].map(([questionId, q]) => ({ questionId, assessmentId: q.assessmentId, students: q.students.size }))
        .sort((a, b) => b.students - a.students || a.questionId.localeCompare(b.questionId)),
      weeks: [...r.weeks.entries()].map(([w, s]) => ({ weekStart: w, students: s.size })).sort((a, b) => a.weekStart - b.weekStart),
      examples,
    };
  }).sort((a, b) => b.students - a.students || a.rule.localeCompare(b.rule));
}
