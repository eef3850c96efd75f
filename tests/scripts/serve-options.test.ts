/** `npm start` listens on loopback unless HOST says otherwise, and creates demo accounts only on a loopback start or when asked. */
import { describe, expect, test } from "vitest";
import { isLoopbackHost, resolveServeOptions } from "../../scripts/lib/serve-options.mjs";

describe("isLoopbackHost", () => {
  test.each([
    { host: "127.0.0.1", loopback: true },
    { host: "127.1.2.3", loopback: true },
    { host: "localhost", loopback: true },
    { host: "LOCALHOST", loopback: true },
    { host: "app.localhost", loopback: true },
    { host: "::1", loopback: true },
    { host: "[::1]", loopback: true },
    { host: "::ffff:127.0.0.1", loopback: true },
    { host: "0.0.0.0", loopback: false },
    { host: "::", loopback: false },
    { host: "192.168.1.10", loopback: false },
    { host: "hopwise.example", loopback: false },
    { host: "localhost.example", loopback: false },
    { host: "128.0.0.1", loopback: false },
  ])("$host → $loopback", ({ host, loopback }) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe("resolveServeOptions", () => {
  test.each([
    { label: "nothing set: loopback, with demo accounts", env: {}, host: "127.0.0.1", seedDemo: true, reason: /loopback/ },
    { label: "blank HOST counts as unset", env: { HOST: "  " }, host: "127.0.0.1", seedDemo: true, reason: /loopback/ },
    { label: "HOST=localhost", env: { HOST: "localhost" }, host: "localhost", seedDemo: true, reason: /loopback/ },
    { label: "HOST=0.0.0.0: no demo accounts", env: { HOST: "0.0.0.0" }, host: "0.0.0.0", seedDemo: false, reason: /HOPWISE_SEED_DEMO=1/ },
    { label: "a LAN address: no demo accounts", env: { HOST: "10.0.0.5" }, host: "10.0.0.5", seedDemo: false, reason: /reachable/ },
    { label: "public, but asked for", env: { HOST: "0.0.0.0", HOPWISE_SEED_DEMO: "1" }, host: "0.0.0.0", seedDemo: true, reason: /HOPWISE_SEED_DEMO=1/ },
    { label: "loopback, but refused", env: { HOPWISE_SEED_DEMO: "0" }, host: "127.0.0.1", seedDemo: false, reason: /HOPWISE_SEED_DEMO=0/ },
  ])("$label", ({ env, host, seedDemo, reason }) => {
    const options = resolveServeOptions(env);
    expect(options.error).toBeUndefined();
    if (options.error !== undefined) return;
    expect(options.host).toBe(host);
    expect(options.seedDemo).toBe(seedDemo);
    expect(options.demoReason).toMatch(reason);
  });

  test.each([
    { label: "a HOST with a space", env: { HOST: "0.0.0.0 evil" }, error: /HOST=0\.0\.0\.0 evil is not a host/ },
    { label: "a HOST with a scheme", env: { HOST: "http://0.0.0.0" }, error: /is not a host/ },
    { label: "HOPWISE_SEED_DEMO=yes", env: { HOPWISE_SEED_DEMO: "yes" }, error: /neither 0 nor 1/ },
  ])("refuses $label with a fix", ({ env, error }) => {
    const options = resolveServeOptions(env);
    expect(options.error).toMatch(error);
    expect(options.fix).toMatch(/HOST=|HOPWISE_SEED_DEMO=/);
  });
});
