// Wall-clock timing of one awaited call, for benchmarks that time engine functions in-process (no HTTP in between).
// Never swallow the call's error: a failed call has no duration worth reporting.

export interface Timed<T> {
  ms: number;
  value: T;
}

export async function timed<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/** Milliseconds as seconds with `digits` decimals, for progress lines. */
export function seconds(ms: number, digits = 1): string {
  return `${(ms / 1000).toFixed(digits)} s`;
}
