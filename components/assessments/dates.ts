/**
 * A definition keeps instants as ISO text with a zone; a phone's date picker (datetime-local)
 * speaks the browser's local time. These convert between the two, to the second.
 */

/** "2027-01-15T09:00:00Z" -> "2027-01-15T10:00" in a UTC+1 browser; "" for none. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The picker's local value as an instant in UTC ("...Z"), or undefined when empty or unreadable. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().replace(/\.\d{3}Z$/, "Z");
}
