/**
 * For the no-leak specs: everything a browser receives, kept as text to search. Responses are
 * split in two: documents (HTML with its inline RSC payload, RSC fetches, JSON, event streams,
 * plain text) and code (scripts, stylesheets, fonts, images), where short numbers are too common
 * to count. Calls a test makes itself (page.request) fire no page event, so `call` records them.
 * `snapshot` adds what the browser keeps: the DOM, cookies, localStorage and sessionStorage.
 */
import type { APIResponse, BrowserContext, Page, Response } from "@playwright/test";

export interface Received {
  readonly label: string;
  readonly status: number;
  readonly text: string;
}

export interface Recording {
  readonly documents: Promise<Received>[];
  readonly code: Promise<Received>[];
  /** URLs of event streams the browser opened (their bodies are read with `readEventStream`). */
  readonly streams: string[];
  /** Sends a request of the test's own and records its answer as a document. */
  call(label: string, run: () => Promise<APIResponse>): Promise<APIResponse>;
  /** Stops listening and waits for every body. */
  stop(): Promise<{ documents: Received[]; code: Received[] }>;
}

const CODE = /javascript|css|font|image|wasm/;

/** Starts recording every response `target` (a page, or every page of a context) receives. */
export function recordResponses(target: Page | BrowserContext): Recording {
  const documents: Promise<Received>[] = [];
  const code: Promise<Received>[] = [];
  const streams: string[] = [];
  const capture = (r: Response) => {
    const type = r.headers()["content-type"] ?? "";
    // A stream's body ends only when the stream does: read it apart, for a bounded time.
    if (type.includes("text/event-stream")) return void streams.push(r.url());
    const body = r.text().then((text) => ({ label: `browser: ${r.url()}`, status: r.status(), text }), () => ({ label: `browser: ${r.url()}`, status: r.status(), text: "" }));
    (CODE.test(type) ? code : documents).push(body);
  };
  target.on("response", capture);
  return {
    documents, code, streams,
    async call(label, run) {
      const response = await run();
      const text = await response.text();
      documents.push(Promise.resolve({ label, status: response.status(), text }));
      return response;
    },
    async stop() {
      target.off("response", capture);
      return { documents: await Promise.all(documents), code: await Promise.all(code) };
    },
  };
}

/** What the browser holds for `page`: its DOM, its context's cookies, localStorage and sessionStorage. */
export async function snapshot(page: Page, label: string): Promise<Received[]> {
  const storage = await page.evaluate(() => {
    const dump = (s: Storage) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => s.key(i)!).map((k) => [k, s.getItem(k)]));
    return JSON.stringify({ local: dump(localStorage), session: dump(sessionStorage) });
  });
  return [
    { label: `${label}: DOM`, status: 200, text: await page.content() },
    { label: `${label}: cookies`, status: 200, text: JSON.stringify(await page.context().cookies()) },
    { label: `${label}: storage`, status: 200, text: storage },
  ];
}

/** The raw text of an event stream at `url` as this page's browser receives it, read for `ms`. */
export async function readEventStream(page: Page, url: string, ms = 1_500): Promise<Received> {
  const { status, text } = await page.evaluate(async ({ url, ms }) => {
    const controller = new AbortController();
    const stop = setTimeout(() => controller.abort(), ms);
    let text = "";
    let status = 0;
    try {
      const response = await fetch(url, { signal: controller.signal });
      status = response.status;
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } catch {
      // Aborted: what arrived so far is the point.
    }
    clearTimeout(stop);
    return { status, text };
  }, { url, ms });
  return { label: `stream: ${url}`, status, text };
}

/**
 * Whether a secret (a seed, a salt, a fingerprint) appears as a whole token in any of `texts`:
 * a seed of 12345 inside 9123456 is a coincidence, not a leak.
 */
export function containsSecret(texts: readonly string[], secret: string): boolean {
  const re = new RegExp(`(?<![\\w.])${secret.replace(/[^\w]/g, "\\$&")}(?![\\w])`);
  return texts.some((text) => re.test(text));
}
