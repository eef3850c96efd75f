import path from "node:path";
import { afterEach, describe, expect, test, vi } from "vitest";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { DatabaseUrlError, resolveDatabaseTarget } from "@/lib/server/database-target";
import { EnvError, getAuthEnv, resetEnvForTests } from "@/lib/server/env";

describe("resolveDatabaseTarget", () => {
  const cwd = "/srv/hopwise";
  test.each([
    { label: "unset → embedded SQLite", url: undefined, provider: "sqlite", file: path.join(cwd, "data/hopwise.db") },
    { label: "blank → embedded SQLite", url: "  ", provider: "sqlite", file: path.join(cwd, "data/hopwise.db") },
    { label: "relative file:", url: "file:./tmp/x.db", provider: "sqlite", file: path.join(cwd, "tmp/x.db") },
    { label: "absolute file:", url: "file:/var/lib/hw.db", provider: "sqlite", file: "/var/lib/hw.db" },
    { label: "postgresql://", url: "postgresql://u:p@db:5432/hw", provider: "postgres" },
    { label: "postgres://", url: "postgres://u:p@db/hw", provider: "postgres" },
  ])("$label", ({ url, provider, file }) => {
    const target = resolveDatabaseTarget({ DATABASE_URL: url }, cwd);
    expect(target.provider).toBe(provider);
    if (target.provider === "sqlite") expect(target.file).toBe(file);
    else expect(target.url).toBe(url);
  });

  test.each(["mysql://u@h/db", "file:", "hopwise.db"])("rejects %s with a message that says what to use", (url) => {
    expect(() => resolveDatabaseTarget({ DATABASE_URL: url }, cwd)).toThrow(DatabaseUrlError);
  });
});

describe("getAuthEnv", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnvForTests();
  });

  const secret = "x".repeat(32);
  test.each([
    { label: "no secret", env: { NEXTAUTH_SECRET: "" }, message: /NEXTAUTH_SECRET is not set/ },
    { label: "short secret", env: { NEXTAUTH_SECRET: "short" }, message: /at least 32 characters/ },
    { label: "bad URL", env: { NEXTAUTH_SECRET: secret, NEXTAUTH_URL: "localhost:3000" }, message: /NEXTAUTH_URL must be/ },
    { label: "half a GitHub pair", env: { NEXTAUTH_SECRET: secret, GITHUB_ID: "id", GITHUB_SECRET: "" }, message: /GITHUB_SECRET is needed/ },
    { label: "half a Google pair", env: { NEXTAUTH_SECRET: secret, GOOGLE_CLIENT_SECRET: "s" }, message: /GOOGLE_CLIENT_ID is needed/ },
  ])("rejects $label with a clear message", ({ env, message }) => {
    for (const key of ["NEXTAUTH_URL", "GITHUB_ID", "GITHUB_SECRET", "GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"]) vi.stubEnv(key, "");
    for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
    expect(() => getAuthEnv()).toThrow(EnvError);
    resetEnvForTests();
    expect(() => getAuthEnv()).toThrow(message);
  });

  test("accepts a full configuration and enables both OAuth providers", () => {
    vi.stubEnv("NEXTAUTH_SECRET", secret);
    vi.stubEnv("NEXTAUTH_URL", "https://hopwise.example");
    vi.stubEnv("GITHUB_ID", "gh-id");
    vi.stubEnv("GITHUB_SECRET", "gh-secret");
    vi.stubEnv("GOOGLE_CLIENT_ID", "g-id");
    vi.stubEnv("GOOGLE_CLIENT_SECRET", "g-secret");
    expect(getAuthEnv()).toMatchObject({ NEXTAUTH_URL: "https://hopwise.example", GITHUB_ID: "gh-id", GOOGLE_CLIENT_ID: "g-id" });
  });
});

describe("safeCallbackUrl", () => {
  test.each([
    { value: "/scenarios/nat-101", out: "/scenarios/nat-101" },
    { value: ["/drills", "/x"], out: "/drills" },
    { value: undefined, out: "/" },
    { value: "https://evil.example/", out: "/" },
    { value: "//evil.example/", out: "/" },
    { value: "/\\evil.example", out: "/" },
    { value: "/sign-in", out: "/" },
    { value: "/api/auth/signout", out: "/" },
  ])("$value → $out", ({ value, out }) => {
    expect(safeCallbackUrl(value)).toBe(out);
  });
});
