/**
 * Import boundaries, checked by dependency-cruiser (`npm run lint:deps`, part of `npm run test:all`).
 *
 * The pure core (the simulator, the scenario compiler, the grader, drills, diagram layout, and the
 * assessment and interview cores once they exist) is a set of functions of their arguments: it imports
 * no framework, database, file system, process or crypto module, and nothing from the web layer
 * (lib/server, lib/content, app, components). ESLint (eslint.config.mjs) forbids the clock, global
 * randomness, `process` and `fetch` inside the same folders. tests/server/dependency-boundaries.test.ts
 * proves these rules fail on a violating fixture.
 */

/** The pure folders and files; a folder that does not exist yet (lib/assessment, lib/interview) matches nothing until it does. */
const PURE =
  "^lib/(net|engine|scenario|grader|drills|diagram|assessment|interview|practice)/|^lib/(simulate|random)\\.ts$";

/** npm packages that belong to the web layer or the database. */
const FRAMEWORK_PACKAGES = [
  "next",
  "next-auth",
  "react",
  "react-dom",
  "server-only",
  "@prisma/[^/]+",
  "prisma",
  "pg",
  "better-sqlite3",
].map((name) => `(^|/)node_modules/${name}/`);

/** The one existing cycle, listed so that it is the only one tolerated. */
const ENGINE_KNOWN_CYCLE = "^lib/engine/(conntrack|sim)\\.ts$";

module.exports = {
  forbidden: [
    {
      name: "pure-no-framework",
      severity: "error",
      comment:
        "The pure core imports no framework or database package (next, next-auth, react, Prisma, pg, better-sqlite3, server-only): it runs anywhere and is tested without a server.",
      from: { path: PURE },
      to: { path: FRAMEWORK_PACKAGES },
    },
    {
      name: "pure-no-generated-prisma-client",
      severity: "error",
      comment: "The pure core never reaches the generated Prisma clients.",
      from: { path: PURE },
      to: { path: "^prisma/" },
    },
    {
      name: "pure-no-node-builtins",
      severity: "error",
      comment:
        "The pure core uses no Node built-in module (fs, child_process, crypto, os, ...): file access and randomness are the caller's, passed in as arguments. lib/random.ts is the seeded randomness.",
      from: { path: PURE },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "pure-no-web-layer",
      severity: "error",
      comment: "The pure core does not import the web layer: lib/server (database, auth), lib/content (file I/O), app, components.",
      from: { path: PURE },
      to: { path: "^(lib/server|lib/content|lib/auth|app|components)/" },
    },
    {
      name: "lib-not-app-or-components",
      severity: "error",
      comment: "lib/ is imported by the pages, never the other way round.",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "no-circular",
      severity: "error",
      comment: "No import cycles: each module can be understood, tested and loaded on its own.",
      from: { pathNot: ENGINE_KNOWN_CYCLE },
      to: { circular: true },
    },
    {
      name: "no-circular-known-exception",
      severity: "error",
      comment:
        "Known exception: lib/engine/conntrack.ts and lib/engine/sim.ts import each other's types (type only; the engine's owner is removing it). Any other cycle through these two files is still an error.",
      from: { path: ENGINE_KNOWN_CYCLE },
      to: { circular: true, pathNot: ENGINE_KNOWN_CYCLE },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import that cannot be resolved would slip past every rule above.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // The generated Prisma clients are not followed (large, machine-written) but stay visible as
    // targets, so that an import of them from the pure core is reported.
    doNotFollow: { path: ["(^|/)node_modules/", "^prisma/generated/"] },
    exclude: { path: "^(\\.next|node_modules|playwright-report|test-results|data)/" },
    // Type-only imports count: a pure module must not even name a Prisma or Next type.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    skipAnalysisNotInRules: true,
  },
};
