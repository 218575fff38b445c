// Load drivers for the gateway benchmark: autocannon over HTTP, a closed loop of in-process calls, and sequential samples.
// Never count a failed or wrong answer as a latency sample, and never let a warm-up run into the measured window.
import autocannon from "autocannon";

export interface LoadResult {
  /** One sample per successful answer, ms from request sent to response complete. */
  latencyMs: number[];
  /** Successful answers per second over the measured window. */
  requestsPerSecond: number;
  ok: number;
  /** Non-2xx answers, wrong answers, connection errors and timeouts. */
  failed: number;
}

export interface HttpTarget {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * `connections` keep-alive clients, each with one request in flight, until `amount` answers have arrived. A run bounded
 * by a request count ends with every connection idle; one bounded by time (autocannon's `duration`) closes sockets with
 * requests still in flight, and a gateway sees those as clients hanging up mid-call.
 */
export async function httpLoad(target: HttpTarget, connections: number, amount: number): Promise<LoadResult> {
  const latencyMs: number[] = [];
  const instance = autocannon({
    url: target.url,
    method: "POST",
    headers: { "content-type": "application/json", ...target.headers },
    body: target.body,
    connections,
    amount: Math.max(amount, connections),
    timeout: 30,
  });
  instance.on("response", (_client, statusCode, _bytes, responseTimeMs) => {
    if (statusCode >= 200 && statusCode < 300) latencyMs.push(responseTimeMs);
  });
  const started = performance.now();
  const result = await instance;
  const ok = result["2xx"];
  return {
    latencyMs,
    requestsPerSecond: ok / ((performance.now() - started) / 1000),
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

/**
 * `concurrency` async workers, each awaiting `call` in a loop for `durationS` seconds: the in-process equivalent of
 * autocannon's connections. `call` resolves true for a correct answer.
 */
export async function closedLoop(call: () => Promise<boolean>, concurrency: number, durationS: number): Promise<LoadResult> {
  const latencyMs: number[] = [];
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const end = started + durationS * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      let good = false;
      try {
        good = await call();
      } catch {
        good = false;
      }
      const dt = performance.now() - t0;
      if (good) {
        ok++;
        latencyMs.push(dt);
      } else {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencyMs, requestsPerSecond: ok / ((performance.now() - started) / 1000), ok, failed };
}

export interface TimedSample<T> {
  ms: number;
  value: T;
}

/** `n` calls one after another; each sample keeps what the call returned so the caller can check it afterwards. */
export async function sequential<T>(n: number, call: (i: number) => Promise<T>): Promise<TimedSample<T>[]> {
  const out: TimedSample<T>[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const value = await call(i);
    out.push({ ms: performance.now() - t0, value });
  }
  return out;
}
