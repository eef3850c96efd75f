/**
 * callbackUrl and next-auth redirects: only same-origin paths survive. `value` is what the page
 * receives (Next has already percent-decoded the query string once), so `/\t/x` is what
 * `?callbackUrl=%2F%09%2Fx` arrives as, and `/%09/x` is what a double-encoded link arrives as.
 */
import { describe, expect, test } from "vitest";
import { checkCallbackPath, safeCallbackUrl, safeRedirectUrl } from "@/lib/auth/callback-url";

describe("safeCallbackUrl accepts paths on this site", () => {
  test.each([
    { label: "a page", value: "/scenarios/nat-101", out: "/scenarios/nat-101" },
    { label: "a query and a fragment", value: "/practice/abc?step=2#hop-3", out: "/practice/abc?step=2#hop-3" },
    { label: "dot segments, normalised", value: "/drills/../me", out: "/me" },
    { label: "the first of repeated parameters", value: ["/drills", "/x"], out: "/drills" },
    { label: "an encoded letter", value: "/me%2Dtoo", out: "/me%2Dtoo" },
    { label: "a page whose name starts like an auth page", value: "/sign-insights", out: "/sign-insights" },
  ])("$label: $value → $out", ({ value, out }) => {
    expect(safeCallbackUrl(value)).toBe(out);
  });
});

describe("safeCallbackUrl refuses everything else", () => {
  test.each([
    { label: "nothing", value: undefined, reason: "missing" },
    { label: "empty", value: "", reason: "missing" },
    { label: "an absolute URL", value: "https://evil.example/", reason: "not_a_path" },
    { label: "an absolute http URL", value: "http://evil.example", reason: "not_a_path" },
    { label: "javascript:", value: "javascript:alert(1)", reason: "not_a_path" },
    { label: "JavaScript: with a leading space", value: " javascript:alert(1)", reason: "not_a_path" },
    { label: "data:", value: "data:text/html,<script>alert(1)</script>", reason: "not_a_path" },
    { label: "a relative path", value: "evil.example", reason: "not_a_path" },
    { label: "protocol-relative //x", value: "//evil.example/", reason: "protocol_relative" },
    { label: "triple slash", value: "///evil.example", reason: "protocol_relative" },
    { label: "backslash /\\x", value: "/\\evil.example", reason: "forbidden_character" },
    { label: "tab /\\t/x (from %2F%09%2F)", value: "/\t/evil.example", reason: "forbidden_character" },
    { label: "newline /\\n/x (from %0A)", value: "/\n/evil.example", reason: "forbidden_character" },
    { label: "CR LF header injection (from %0d%0a)", value: "/\r\nSet-Cookie: x=1", reason: "forbidden_character" },
    { label: "a space", value: "/ /evil.example", reason: "forbidden_character" },
    { label: "a Unicode space", value: "/\u3000/evil.example", reason: "forbidden_character" },
    { label: "NUL", value: "/\u0000", reason: "forbidden_character" },
    { label: "encoded tab /%09/x", value: "/%09/evil.example", reason: "forbidden_character" },
    { label: "encoded CR LF /%0d%0a", value: "/%0d%0aSet-Cookie:x", reason: "forbidden_character" },
    { label: "encoded upper-case %0D%0A", value: "/%0D%0A", reason: "forbidden_character" },
    { label: "encoded slash /%2Fx", value: "/%2Fevil.example", reason: "protocol_relative" },
    { label: "encoded backslash /%5Cx", value: "/%5Cevil.example", reason: "forbidden_character" },
    { label: "double-encoded slash /%252Fx", value: "/%252Fevil.example", reason: "protocol_relative" },
    { label: "double-encoded tab /%2509/x", value: "/%2509/evil.example", reason: "forbidden_character" },
    { label: "encoded // at the start", value: "%2F%2Fevil.example", reason: "not_a_path" },
    { label: "broken encoding", value: "/%E0%A4%A", reason: "bad_encoding" },
    { label: "the sign-in page (a loop)", value: "/sign-in", reason: "auth_page" },
    { label: "the sign-up page with a query", value: "/sign-up?callbackUrl=/", reason: "auth_page" },
    { label: "next-auth's sign-out", value: "/api/auth/signout", reason: "auth_page" },
    { label: "an API route via dot segments", value: "/x/../api/v1/grade", reason: "auth_page" },
    { label: "very long", value: `/${"a".repeat(3000)}`, reason: "too_long" },
  ])("$label", ({ value, reason }) => {
    expect(checkCallbackPath(value)).toEqual({ ok: false, reason });
    expect(safeCallbackUrl(value)).toBe("/");
    expect(safeCallbackUrl(value, "/me")).toBe("/me");
  });
});

describe("safeRedirectUrl (next-auth's redirect callback)", () => {
  const base = "https://hopwise.example";
  test.each([
    { label: "a path", url: "/practice/abc", out: "https://hopwise.example/practice/abc" },
    { label: "an absolute URL on our site", url: "https://hopwise.example/me?x=1", out: "https://hopwise.example/me?x=1" },
    { label: "our site with a tab trick", url: "/\t/evil.example", out: "https://hopwise.example/" },
    { label: "another site", url: "https://evil.example/me", out: "https://hopwise.example/" },
    { label: "our host on another port", url: "https://hopwise.example:8443/me", out: "https://hopwise.example/" },
    { label: "our host over http", url: "http://hopwise.example/me", out: "https://hopwise.example/" },
    { label: "protocol-relative", url: "//evil.example", out: "https://hopwise.example/" },
    { label: "javascript:", url: "javascript:alert(document.cookie)", out: "https://hopwise.example/" },
    { label: "garbage", url: "::::", out: "https://hopwise.example/" },
    { label: "CR LF", url: "/%0d%0aLocation:%20https://evil.example", out: "https://hopwise.example/" },
  ])("$label", ({ url, out }) => {
    expect(safeRedirectUrl(url, base)).toBe(out);
  });
});
