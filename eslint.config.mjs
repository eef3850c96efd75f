// ESLint for Hopwise (flat config). `npm run lint` runs it with --max-warnings 0, so a warning fails
// CI the same as an error. Import boundaries live in .dependency-cruiser.cjs; this file keeps the
// pure folders free of the clock, global randomness, the environment and the network.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

/** The folders and files that must stay functions of their arguments (README, "How it is built"). */
export const PURE_FILES = [
  "lib/net/**",
  "lib/engine/**",
  "lib/scenario/**",
  "lib/grader/**",
  "lib/drills/**",
  "lib/diagram/**",
  "lib/assessment/**",
  "lib/interview/**",
  "lib/practice/**",
  "lib/simulate.ts",
  "lib/random.ts",
];

const IMPURE = "is impure here: pass time, seeds and inputs in as arguments (STYLE.md, rule 1).";

export default defineConfig(
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "prisma/generated/**",
      "playwright-report/**",
      "test-results/**",
      "data/**",
      "next-env.d.ts",
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    rules: {
      // TypeScript already reports undefined names with better knowledge of types and globals.
      "no-undef": "off",
      // `_name` marks a parameter kept for its position (a callback's signature); everything else unused is a finding.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    plugins: { "@next/next": nextPlugin },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
      // This rule looks for a `pages/` folder; the app uses only the App Router.
      "@next/next/no-html-link-for-pages": "off",
    },
  },
  {
    files: PURE_FILES,
    rules: {
      "no-restricted-globals": [
        "error",
        { name: "process", message: `process ${IMPURE}` },
        { name: "fetch", message: `fetch ${IMPURE}` },
        { name: "performance", message: `performance ${IMPURE}` },
        { name: "crypto", message: `crypto ${IMPURE}` },
        { name: "setTimeout", message: `setTimeout ${IMPURE}` },
        { name: "setInterval", message: `setInterval ${IMPURE}` },
      ],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: `Date.now() ${IMPURE}` },
        { object: "Math", property: "random", message: `Math.random() ${IMPURE} Use lib/random.ts.` },
        { object: "globalThis", property: "process", message: `process ${IMPURE}` },
        { object: "globalThis", property: "fetch", message: `fetch ${IMPURE}` },
        { object: "globalThis", property: "performance", message: `performance ${IMPURE}` },
        { object: "globalThis", property: "crypto", message: `crypto ${IMPURE}` },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: `new Date() ${IMPURE}` },
        { selector: "CallExpression[callee.name='Date'][arguments.length=0]", message: `Date() ${IMPURE}` },
      ],
    },
  },
);
