/**
 * Load generators for `npm run bench:http`: wrk when it is installed (/usr/bin/wrk: `apt-get install
 * wrk`), autocannon otherwise. wrk is a C program using a small fraction of a core where
 * autocannon, a Node.js process, takes most of one: on a small machine autocannon competes with the
 * server it measures. Both keep a fixed number of connections, each sending its next request when the last
 * one is answered.
 *
 * Every request sent is also answered before a POST run ends, so a caller can compare what the
 * server stored with exactly the successful responses: autocannon sends a fixed number of
 * requests; wrk stops sending after the given time and then waits for the requests in flight.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";

export const WRK = "/usr/bin/wrk";

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  /** A JSON body to POST; GET without one. */
  readonly body?: string;
  /** A folder for wrk's script and body files. */
  readonly dir: string;
  /** A Cookie header to send with every request (a signed-in session). */
  readonly cookie?: string;
}

export interface LoadFigures {
  /** Answered requests per second, over the time the load ran. */
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /** Answered with a 2xx status. */
  readonly ok: number;
  /** Answered with another status. */
  readonly failed: number;
  /** Sent but never answered (a connection error, or still in flight when the run ended). */
  readonly unanswered: number;
}

export function loadGenerator(): "wrk" | "autocannon" {
  return fs.existsSync(WRK) ? "wrk" : "autocannon";
}

/**
 * The wrk script. wrk has no "N requests" mode and, run for a duration, abandons the requests in
 * flight at the end, so: delay() stops a connection from sending once the time is up, the run lasts
 * a few seconds longer to let every answer arrive, and response() counts answers by status.
 *
 * The connections also open before the load starts: every first request waits for a common start
 * time. Opened under load they would not all be served for seconds, because Node.js accepts one new
 * connection per turn of its event loop (libuv 1.45+), and a turn of a saturated server is long;
 * their first requests would then make the tail latency of the whole run. A 60 s timeout keeps a
 * slow answer in the latencies instead of dropping it as a timeout, as wrk's 2 s default would.
 * Times come from clock_gettime through LuaJIT's FFI (plain Lua only has whole seconds). One wrk
 * thread.
 */
const WRK_SCRIPT = String.raw`
local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } bench_timespec; int clock_gettime(int, bench_timespec *); ]]
local CLOCK_MONOTONIC, ts = 1, ffi.new("bench_timespec")
local function now() ffi.C.clock_gettime(CLOCK_MONOTONIC, ts); return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) * 1e-9 end

local threads = {}
function setup(thread) table.insert(threads, thread) end

sent, ok, failed, started, finished = 0, 0, 0, 0, 0
local stop_at
function init(args)
  started = now() + tonumber(args[1])
  finished = started
  stop_at = started + tonumber(args[2])
  if args[3] then
    local file = io.open(args[3], "rb")
    wrk.method, wrk.body = "POST", file:read("*a")
    file:close()
    wrk.headers["Content-Type"] = "application/json"
  end
end
-- Called before every request a connection sends (its first one included): how long to wait.
function delay()
  local t = now()
  if t >= stop_at then return 3600 * 1000 end
  sent = sent + 1
  return t < started and math.ceil((started - t) * 1000) or 0
end
function response(status)
  if status >= 200 and status < 300 then ok = ok + 1 else failed = failed + 1 end
  finished = now()
end
function done(summary, latency)
  local t = threads[1]
  io.write(string.format('\n{"sent":%d,"ok":%d,"failed":%d,"seconds":%.4f,"p50_us":%d,"p99_us":%d}\n',
    t:get("sent"), t:get("ok"), t:get("failed"), t:get("finished") - t:get("started"), latency:percentile(50), latency:percentile(99)))
end
`;

/** How long the connections have to open before the load starts, and for the last answers after. */
const WRK_OPEN_SECONDS = 1;
const WRK_DRAIN_SECONDS = 5;

function runWrk(options: LoadOptions): Promise<LoadFigures> {
  const script = path.join(options.dir, "load.lua");
  fs.writeFileSync(script, WRK_SCRIPT);
  const duration = WRK_OPEN_SECONDS + options.seconds + WRK_DRAIN_SECONDS;
  const args = ["-t1", `-c${options.connections}`, `-d${duration}s`, "--timeout", "60s", "--latency", "-s", script, ...(options.cookie ? ["-H", `Cookie: ${options.cookie}`] : []), options.url, "--", String(WRK_OPEN_SECONDS), String(options.seconds)];
  if (options.body !== undefined) {
    const bodyFile = path.join(options.dir, "body.json");
    fs.writeFileSync(bodyFile, options.body);
    args.push(bodyFile);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(WRK, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out.split("\n").reverse().find((l) => l.startsWith("{"));
      if (code !== 0 || !line) return reject(new Error(`wrk failed (exit code ${code}): ${(err || out).trim().slice(0, 500)}`));
      const r = JSON.parse(line) as { sent: number; ok: number; failed: number; seconds: number; p50_us: number; p99_us: number };
      const answered = r.ok + r.failed;
      resolve({
        rps: Math.round(answered / Math.max(r.seconds, 1e-3)), p50: Math.round(r.p50_us / 1000), p99: Math.round(r.p99_us / 1000),
        ok: r.ok, failed: r.failed, unanswered: r.sent - answered,
      });
    });
  });
}

function runAutocannon(options: LoadOptions, amount?: number): Promise<LoadFigures> {
  return new Promise((resolve, reject) => {
    autocannon({
      url: options.url, connections: options.connections, ...(amount ? { amount } : { duration: options.seconds }),
      method: options.body === undefined ? "GET" : "POST", body: options.body,
      headers: { ...(options.body === undefined ? {} : { "content-type": "application/json" }), ...(options.cookie ? { cookie: options.cookie } : {}) },
    }, (error, r) => {
      if (error) return reject(error);
      resolve({ rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, ok: r["2xx"], failed: r.non2xx, unanswered: r.errors + r.timeouts });
    });
  });
}

/**
 * Loads an endpoint for about `seconds`. A POST is answered in full before this resolves: wrk
 * drains it; autocannon sends a fixed number of requests, sized from the throughput of an earlier
 * run (`sizedFrom`), or a short run of four per connection without one.
 */
export function load(options: LoadOptions, sizedFrom?: LoadFigures): Promise<LoadFigures> {
  if (loadGenerator() === "wrk") return runWrk(options);
  if (options.body === undefined) return runAutocannon(options);
  const minimum = options.connections * 4;
  return runAutocannon(options, sizedFrom ? Math.max(minimum, Math.round(sizedFrom.rps * options.seconds)) : minimum);
}
