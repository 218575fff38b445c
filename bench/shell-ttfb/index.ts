// Benchmark: TTFB, latency and throughput of the signed-in shell pages under load, next to /api/health as the anchor.
// Never run against a developer's server or database; never report figures from redirects or error pages.
import autocannon from "autocannon";
import type { Figures } from "../lib/figures";
import { round, summarize } from "../lib/percentiles";
import { bootSeededServer } from "../lib/server";

const DEMO_OWNER = { email: "owner@demo.aicmo.dev", password: "demo-password-1" };
const CONNECTIONS = 10;
const DURATION_S = 5;

/** Signs in the seeded owner and returns a Cookie header carrying the session. */
async function signIn(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    redirect: "manual",
    // The auth library checks Origin against APP_URL on state-changing requests.
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify(DEMO_OWNER),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`sign-in failed: HTTP ${res.status} ${body.slice(0, 300)}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0] ?? "");
  if (cookies.length === 0) throw new Error("sign-in answered 200 but set no cookie");
  return cookies.join("; ");
}

/** A page that redirects to sign-in would benchmark the redirect; insist on a 200 before loading it. */
async function assertOk(url: string, cookie: string): Promise<void> {
  const res = await fetch(url, { redirect: "manual", headers: { cookie } });
  await res.arrayBuffer();
  if (res.status !== 200) {
    throw new Error(`${url} answered ${res.status}${res.headers.get("location") ? ` -> ${res.headers.get("location")}` : ""}`);
  }
}

interface Load {
  ttfbMs: number[];
  latencyMs: number[];
  requestsPerSecond: number;
  non2xx: number;
  errors: number;
}

/** `connections` clients for `duration` seconds; TTFB is request sent -> response headers parsed, per request. */
async function load(url: string, cookie: string, duration: number): Promise<Load> {
  const ttfbMs: number[] = [];
  const latencyMs: number[] = [];
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    headers: { cookie },
    setupClient(client) {
      // Without pipelining each client has at most one request in flight, so one timestamp per client suffices.
      let sentAt: number | undefined;
      client.on("request", () => {
        sentAt = performance.now();
      });
      client.on("headers", () => {
        if (sentAt !== undefined) ttfbMs.push(performance.now() - sentAt);
        sentAt = undefined;
      });
      const forget = () => {
        sentAt = undefined;
      };
      client.on("timeout", forget);
      client.on("reset", forget);
    },
  });
  instance.on("response", (_client, statusCode, _bytes, responseTimeMs) => {
    if (statusCode >= 200 && statusCode < 300) latencyMs.push(responseTimeMs);
  });
  const result = await instance;
  return {
    ttfbMs,
    latencyMs,
    requestsPerSecond: result.requests.average,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export default async function run(): Promise<Figures> {
  const server = await bootSeededServer();
  try {
    const cookie = await signIn(server.baseUrl);
    const routes: [label: string, path: string][] = [
      ["health", "/api/health"],
      ["dashboard", "/dashboard"],
      ["campaigns", "/campaigns"],
      ["settings", "/settings"],
    ];
    const figures: Figures = {};
    for (const [label, route] of routes) {
      const url = server.baseUrl + route;
      await assertOk(url, cookie);
      // One second of warm-up: first hits fill Next's and Postgres' caches, which a running server has warm.
      await load(url, cookie, 1);
      console.error(`shell-ttfb: ${route} at ${CONNECTIONS} connections for ${DURATION_S} s`);
      const r = await load(url, cookie, DURATION_S);
      if (r.non2xx > 0 || r.errors > 0) {
        console.error(`shell-ttfb: ${route}: ${r.non2xx} non-2xx answers and ${r.errors} errors/timeouts (left out of latency)`);
      }
      const ttfb = summarize(r.ttfbMs);
      const latency = summarize(r.latencyMs);
      figures[`${label}.ttfb_p50`] = { value: round(ttfb.p50), unit: "ms" };
      figures[`${label}.ttfb_p95`] = { value: round(ttfb.p95), unit: "ms" };
      figures[`${label}.ttfb_p99`] = { value: round(ttfb.p99), unit: "ms" };
      figures[`${label}.latency_p50`] = { value: round(latency.p50), unit: "ms" };
      figures[`${label}.latency_p95`] = { value: round(latency.p95), unit: "ms" };
      figures[`${label}.latency_p99`] = { value: round(latency.p99), unit: "ms" };
      figures[`${label}.throughput`] = { value: round(r.requestsPerSecond, 1), unit: "req/s" };
      figures[`${label}.failed`] = { value: r.non2xx + r.errors, unit: "requests" };
    }
    return figures;
  } finally {
    await server.stop();
  }
}
