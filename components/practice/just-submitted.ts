/** The form marks an attempt as just submitted, so the results view can take the focus once. */
const KEY = "hopwise:just-submitted";

export function markJustSubmitted(attemptId: string): void {
  try {
    sessionStorage.setItem(KEY, attemptId);
  } catch {
    // Storage may be off; the results still show, focus simply stays where it was.
  }
}

export function takeJustSubmitted(attemptId: string): boolean {
  try {
    if (sessionStorage.getItem(KEY) !== attemptId) return false;
    sessionStorage.removeItem(KEY);
    return true;
  } catch {
    return false;
  }
}
