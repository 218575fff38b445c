// Prometheus metrics for /api/metrics: process defaults, API request counts and latencies, queue depth at scrape time.
// One registry per process; never label by user, workspace or id (unbounded cardinality).
import "server-only";
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

interface Metrics {
  registry: Registry;
  apiRequests: Counter<"route" | "method" | "status">;
  apiLatency: Histogram<"route" | "method">;
}

const g = globalThis as typeof globalThis & { __aicmoMetrics?: Metrics };

export function metrics(): Metrics {
  if (!g.__aicmoMetrics) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: "aicmo_" });
    g.__aicmoMetrics = {
      registry,
      apiRequests: new Counter({
        name: "aicmo_api_requests_total",
        help: "REST API requests by route id, method and status",
        labelNames: ["route", "method", "status"],
        registers: [registry],
      }),
      apiLatency: new Histogram({
        name: "aicmo_api_request_duration_seconds",
        help: "REST API request latency",
        labelNames: ["route", "method"],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        registers: [registry],
      }),
    };
  }
  return g.__aicmoMetrics;
}

export function recordApiRequest(route: string, method: string, status: number, ms: number): void {
  const m = metrics();
  m.apiRequests.inc({ route, method, status: String(status) });
  m.apiLatency.observe({ route, method }, ms / 1000);
}
