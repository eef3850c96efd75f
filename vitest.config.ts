import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // lib/server modules start with `import "server-only"`, which throws outside React Server
      // Components; in tests it is the package's own empty module.
      "server-only": path.resolve(__dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts", "lib/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    environment: "node",
    // Every test calls from one (absent) address; tests/server/rate-limits.test.ts turns them on.
    // The worker pools' waits and time limits are stretched so a loaded machine does not refuse
    // ordinary requests; tests/server/simulation-*.test.ts set their own.
    env: {
      HOPWISE_RATE_LIMITS: "off", HOPWISE_SIM_MAX_JOB_MS: "60000", HOPWISE_SIM_MAX_QUEUE_WAIT_MS: "60000",
      HOPWISE_GRADE_MAX_JOB_MS: "60000", HOPWISE_GRADE_MAX_QUEUE_WAIT_MS: "60000",
    },
    testTimeout: 30_000,
    // Integration tests migrate a fresh database per file (tests/server/support/test-database.ts).
    hookTimeout: 120_000,
  },
});
