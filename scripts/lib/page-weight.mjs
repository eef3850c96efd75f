/**
 * The pure part of `npm run size`: which asset URLs a page's HTML makes a browser fetch on a first
 * visit, the budget check and the table. No fs, network or clock, so tests/scripts can drive it.
 */

/** Script and stylesheet URLs (same-origin paths) an HTML page loads on a first visit, in order, once each. */
export function assetsOf(html) {
  const scripts = new Set();
  const styles = new Set();
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const src = /\bsrc="([^"]+)"/i.exec(tag)?.[1];
    const href = /\bhref="([^"]+)"/i.exec(tag)?.[1];
    if (/^<script/i.test(tag) && src?.startsWith("/")) scripts.add(decode(src));
    if (/^<link/i.test(tag) && href?.startsWith("/")) {
      if (/\brel="stylesheet"/i.test(tag)) styles.add(decode(href));
      else if (/\bas="script"/i.test(tag)) scripts.add(decode(href));
    }
  }
  return { scripts: [...scripts], styles: [...styles] };
}

function decode(url) {
  return url.replace(/&amp;/g, "&");
}

/** A budget about 20% above a measured size, rounded up to a whole kB (1000 bytes). */
export function budgetFor(bytes) {
  return Math.ceil((bytes * 1.2) / 1000) * 1000;
}

/**
 * Each measured page with its budget and verdict. `lazy` is what the page fetches right after it
 * loads (the results page's journey chunk and trace) and counts; `rsc` (a client-side navigation) does not.
 * A page without a budget fails, so a new page must get one. */
export function checkBudgets(pages, budgets) {
  return pages.map((page) => {
    const total = page.html + page.css + page.js + (page.lazy ?? 0);
    const budget = budgets[page.name] ?? null;
    return { ...page, total, budget, pass: budget !== null && total <= budget };
  });
}

/** Bytes as kB with one decimal, the unit `next build` used to report. */
export function kB(bytes) {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

/** The report table, one line per page, then a summary line. */
export function formatReport(rows) {
  const head = ["page", "html", "rsc nav", "css", "js", "loaded after", "total", "budget", ""];
  const lines = rows.map((r) => [r.name, kB(r.html), kB(r.rsc), kB(r.css), kB(r.js), kB(r.lazy ?? 0), kB(r.total), r.budget === null ? "none" : kB(r.budget), r.pass ? "pass" : "FAIL"]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
  const failed = rows.filter((r) => !r.pass).map((r) => r.name);
  return [
    row(head),
    ...lines.map(row),
    failed.length === 0 ? `All ${rows.length} pages within budget.` : `Over budget: ${failed.join(", ")}.`,
  ].join("\n");
}
