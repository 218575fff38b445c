// Types for the slice of autocannon 9's programmatic API that the benchmarks use (it ships no typings).
// Never widen this into a full typing of the package; declare only what bench/ calls.
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  interface AutocannonClient extends EventEmitter {
    on(event: "request" | "headers" | "timeout" | "reset", listener: () => void): this;
  }

  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    setupClient?: (client: AutocannonClient) => void;
  }

  interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
  }

  interface Result {
    url: string;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    "1xx": number;
    "2xx": number;
    "3xx": number;
    "4xx": number;
    "5xx": number;
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
    statusCodeStats: Record<string, { count: number }>;
  }

  interface Instance extends EventEmitter, PromiseLike<Result> {
    on(
      event: "response",
      listener: (client: AutocannonClient, statusCode: number, resBytes: number, responseTimeMs: number) => void,
    ): this;
    on(event: "reqError", listener: (error: Error) => void): this;
  }

  function autocannon(options: Options): Instance;
  export default autocannon;
}
