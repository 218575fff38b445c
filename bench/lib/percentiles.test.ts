// Unit tests for the benchmark percentile maths: a wrong p95 would silently misreport every latency figure.
// Never time anything here; these are pure inputs and outputs.
import { describe, expect, it } from "vitest";
import { percentile, round, summarize } from "./percentiles";

describe("percentile", () => {
  it("interpolates between the two closest ranks", () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 25)).toBe(20);
    expect(percentile([0, 100], 95)).toBeCloseTo(95);
  });

  it("does not depend on input order and leaves the input untouched", () => {
    const samples = [5, 1, 4, 2, 3];
    expect(percentile(samples, 50)).toBe(3);
    expect(samples).toEqual([5, 1, 4, 2, 3]);
  });

  it("gives the extremes at p0 and p100, and the only value for one sample", () => {
    expect(percentile([7, 3, 9], 0)).toBe(3);
    expect(percentile([7, 3, 9], 100)).toBe(9);
    expect(percentile([42], 99)).toBe(42);
  });

  it("reports NaN rather than a made-up number for no samples", () => {
    expect(percentile([], 50)).toBeNaN();
  });

  it("rejects a percentile outside 0..100", () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it("shows a slow tail at p99 that the median hides", () => {
    const samples = [...Array.from({ length: 99 }, () => 10), 1000];
    expect(percentile(samples, 50)).toBe(10);
    expect(percentile(samples, 99)).toBeCloseTo(19.9);
    expect(percentile(samples, 100)).toBe(1000);
  });
});

describe("summarize", () => {
  it("returns count, extremes, mean and the reported percentiles", () => {
    const s = summarize([4, 1, 3, 2]);
    expect(s).toMatchObject({ count: 4, min: 1, max: 4, mean: 2.5, p50: 2.5 });
    expect(s.p95).toBeCloseTo(3.85);
    expect(s.p99).toBeCloseTo(3.97);
  });

  it("marks an empty run as such", () => {
    const s = summarize([]);
    expect(s.count).toBe(0);
    expect(s.p50).toBeNaN();
  });
});

describe("round", () => {
  it("keeps the requested decimals and leaves non-finite values alone", () => {
    expect(round(1.23456)).toBe(1.23);
    expect(round(1.5, 0)).toBe(2);
    expect(round(Number.NaN)).toBeNaN();
  });
});
