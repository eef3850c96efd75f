import { describe, expect, test } from "vitest";
import { MAX_ROSTER_LINES, parseRosterInput, type RosterLine } from "@/lib/server/courses/roster-input";

const email = (line: number, address: string): RosterLine => ({ line, kind: "email", email: address });

function lines(text: string): readonly RosterLine[] {
  const parsed = parseRosterInput(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.lines;
}

describe("parseRosterInput", () => {
  test.each([
    { label: "one email per line", text: "ada@example.com\nbob@example.com", want: [email(1, "ada@example.com"), email(2, "bob@example.com")] },
    { label: "blank lines keep line numbers", text: "ada@example.com\n\n\nbob@example.com\n", want: [email(1, "ada@example.com"), email(4, "bob@example.com")] },
    { label: "upper case and spaces", text: "  Ada@Example.COM  ", want: [email(1, "ada@example.com")] },
    { label: "several per line, comma, semicolon, tab", text: "a@x.org, b@x.org; c@x.org\td@x.org", want: ["a", "b", "c", "d"].map((n) => email(1, `${n}@x.org`)) },
    { label: "mail program form", text: "Ada Lovelace <ada@example.com>, Bob <bob@example.com>", want: [email(1, "ada@example.com"), email(1, "bob@example.com")] },
    { label: "name beside the email is ignored", text: "Ada Lovelace,ada@example.com", want: [email(1, "ada@example.com")] },
    { label: "Windows line ends and a byte-order mark", text: "\uFEFFada@example.com\r\nbob@example.com\r\n", want: [email(1, "ada@example.com"), email(2, "bob@example.com")] },
    {
      label: "CSV with a header: only the email column",
      text: "Name,Email,Group\nAda,ada@example.com,A\n\"Smith, Bob\",bob@example.com,B",
      want: [email(2, "ada@example.com"), email(3, "bob@example.com")],
    },
  ])("$label", ({ text, want }) => {
    expect(lines(text)).toEqual(want);
  });

  test.each([
    { label: "no @ on the line", text: "ada@example.com\nnot an email", line: 2, message: "No email address on this line" },
    { label: "an @ but not an address", text: "ada@\nbob@example.com", line: 1, message: "Enter a valid email address, like name@example.com" },
    { label: "empty email cell under a header", text: "email,name\n,Ada", line: 2, message: "No email in the email column" },
    { label: "bad email under a header", text: "email\nada.example.com", line: 2, message: "Enter a valid email address, like name@example.com" },
  ])("invalid: $label (reported with its line)", ({ text, line, message }) => {
    const invalid = lines(text).filter((l) => l.kind === "invalid");
    expect(invalid).toHaveLength(1);
    expect(invalid[0]).toMatchObject({ line, message });
  });

  test("an unclosed quote is one clear error", () => {
    expect(parseRosterInput('ada@example.com\n"bob@example.com, x\nc@x.org')).toMatchObject({ ok: false });
  });

  test(`more than ${MAX_ROSTER_LINES} lines are refused as a whole`, () => {
    const text = Array.from({ length: MAX_ROSTER_LINES + 1 }, (_, i) => `s${i}@example.com`).join("\n");
    expect(parseRosterInput(text)).toEqual({ ok: false, message: `Add at most ${MAX_ROSTER_LINES} lines at a time.` });
    expect(lines(text.split("\n").slice(0, MAX_ROSTER_LINES).join("\n"))).toHaveLength(MAX_ROSTER_LINES);
  });

  test("empty input has no lines", () => {
    expect(lines("")).toEqual([]);
    expect(lines("\n \n")).toEqual([]);
  });
});
