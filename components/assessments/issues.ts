/**
 * Problems a save or import came back with, as the builder shows them: next to the field whose
 * path they name ("zones[1].choose"), and all of them in a summary at the top of the form.
 */
export interface Issue {
  readonly path: string;
  readonly line: number | null;
  readonly message: string;
}

/** The messages for exactly this path. */
export function messagesAt(issues: readonly Issue[], path: string): string[] {
  return issues.filter((i) => i.path === path).map((i) => i.message);
}

/** The issues of an API error body, or one generic issue when it carries none. */
export function issuesOf(body: unknown): Issue[] {
  const error = (body as { error?: { message?: string; issues?: Issue[]; fields?: Record<string, string[]> } } | null)?.error;
  if (!error) return [{ path: "(form)", line: null, message: "Something went wrong. Please try again." }];
  if (error.issues && error.issues.length > 0) return error.issues;
  const fields = Object.entries(error.fields ?? {}).flatMap(([path, messages]) => messages.map((message) => ({ path, line: null, message })));
  return fields.length > 0 ? fields : [{ path: "(form)", line: null, message: error.message ?? "Something went wrong." }];
}

/** "line 12: zones[1].choose: ..." */
export function describeIssue(i: Issue): string {
  return `${i.line !== null ? `line ${i.line}: ` : ""}${i.path}: ${i.message}`;
}
