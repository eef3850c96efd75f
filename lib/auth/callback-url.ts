/** Where to go after signing in: only paths on this site, so a crafted link cannot send users elsewhere. */
export function safeCallbackUrl(value: string | string[] | null | undefined, fallback = "/"): string {
  const url = Array.isArray(value) ? value[0] : value;
  if (!url || !url.startsWith("/") || url.startsWith("//") || url.startsWith("/\\")) return fallback;
  // next-auth's own pages are never a useful destination.
  if (url.startsWith("/sign-in") || url.startsWith("/sign-up") || url.startsWith("/api/")) return fallback;
  return url;
}
