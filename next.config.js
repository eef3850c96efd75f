// @ts-check
/**
 * Next.js configuration. Works offline: no remote fonts or images, so `next build` and `next start`
 * need nothing but the npm packages.
 * @type {import("next").NextConfig}
 */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Loaded by Node at run time rather than bundled: native addons and Prisma's driver adapters.
  // piscina starts worker threads from its own files, esbuild runs its binary, rate-limiter-flexible
  // requires database drivers by name: all three must stay where npm put them.
  serverExternalPackages: ["better-sqlite3", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "piscina", "esbuild", "rate-limiter-flexible"],
  // Lets requireRole() answer 403 with app/forbidden.tsx via forbidden().
  // Server actions take small forms; the default would buffer up to 1 MB.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "64kb" } },
  // `npm run typecheck` (part of `npm run test:all` and CI) checks types; skipping it here keeps
  // `npm start`'s first build quick on small machines.
  typescript: { ignoreBuildErrors: true },
  turbopack: { root: __dirname },
  outputFileTracingRoot: __dirname,
};

module.exports = nextConfig;
