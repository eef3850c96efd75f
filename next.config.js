// @ts-check
// Shared with lib/server/http/security-headers.ts (proxy.ts sets the pages' nonce-based CSP).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- next.config.js is CommonJS
const { common: COMMON_SECURITY_HEADERS, nonDocumentPolicy: NON_DOCUMENT_CONTENT_SECURITY_POLICY } = require("./lib/server/http/static-security-headers.json");

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
  // Security headers on every response; pages get their nonce-based CSP from proxy.ts instead.
  async headers() {
    const deny = [{ key: "Content-Security-Policy", value: NON_DOCUMENT_CONTENT_SECURITY_POLICY }];
    return [
      { source: "/:path*", headers: COMMON_SECURITY_HEADERS },
      { source: "/api/:path*", headers: deny },
      { source: "/_next/static/:path*", headers: deny },
      { source: "/_next/image", headers: deny },
    ];
  },
};

module.exports = nextConfig;
