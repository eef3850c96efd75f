/** `npm run user`: commands are parsed before the database is touched; typos are refused with a reason. */
import { describe, expect, test } from "vitest";
import { parseUserCommand } from "../../scripts/lib/user-command";

describe("parseUserCommand", () => {
  test.each([
    { args: ["disable", "ada@example.com"], command: { action: "disable", email: "ada@example.com" } },
    { args: ["enable", "ada@example.com"], command: { action: "enable", email: "ada@example.com" } },
    { args: ["sign-out", "ada@example.com"], command: { action: "sign-out", email: "ada@example.com" } },
    { args: ["role", "ada@example.com", "instructor"], command: { action: "role", email: "ada@example.com", role: "instructor" } },
  ])("$args", ({ args, command }) => {
    expect(parseUserCommand(args)).toEqual(command);
  });

  test.each([
    { label: "nothing", args: [], error: /email address/ },
    { label: "an unknown command", args: ["delete", "ada@example.com"], error: /unknown command "delete"/ },
    { label: "no email", args: ["disable"], error: /email address \(got ""\)/ },
    { label: "not an email", args: ["disable", "ada"], error: /got "ada"/ },
    { label: "an unknown role", args: ["role", "ada@example.com", "root"], error: /learner, instructor, admin \(got "root"\)/ },
    { label: "no role", args: ["role", "ada@example.com"], error: /got ""/ },
    { label: "extra arguments", args: ["disable", "ada@example.com", "now"], error: /only an email/ },
  ])("refuses $label", ({ args, error }) => {
    expect(() => parseUserCommand(args)).toThrow(error);
  });
});
