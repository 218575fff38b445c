// Media performance arithmetic: rates with empty denominators, the median, the high-performer rule at its edges and
// aspect-ratio matching with tolerance. Pure; no database.
import { describe, expect, it } from "vitest";
import {
  addTotals,
  aspectMatches,
  aspectOf,
  ctrVsMedian,
  HIGH_PERFORMER_FACTOR,
  isHighPerformer,
  median,
  MIN_IMPRESSIONS,
  qualifies,
  ratesOf,
  ZERO_TOTALS,
} from "./performance-math";

describe("ratesOf", () => {
  it("divides clicks and engagements by impressions and conversions by clicks", () => {
    expect(ratesOf({ impressions: 2000, clicks: 50, engagements: 120, conversions: 5 })).toEqual({ ctr: 0.025, engagementRate: 0.06, conversionRate: 0.1 });
  });
  it("answers null, not 0 or NaN, when a denominator is empty", () => {
    expect(ratesOf(ZERO_TOTALS)).toEqual({ ctr: null, engagementRate: null, conversionRate: null });
    expect(ratesOf({ impressions: 100, clicks: 0, engagements: 0, conversions: 0 })).toEqual({ ctr: 0, engagementRate: 0, conversionRate: null });
  });
  it("adds totals field by field", () => {
    expect(addTotals({ impressions: 1, clicks: 2, engagements: 3, conversions: 4 }, { impressions: 10, clicks: 20, engagements: 30, conversions: 40 })).toEqual({
      impressions: 11,
      clicks: 22,
      engagements: 33,
      conversions: 44,
    });
  });
});

describe("median", () => {
  it("takes the middle of an odd count and the mean of the middle two of an even one, whatever the order", () => {
    expect(median([0.03, 0.01, 0.02])).toBe(0.02);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });
  it("is null for nothing, and ignores non-finite values", () => {
    expect(median([])).toBeNull();
    expect(median([Number.NaN, 1, Number.POSITIVE_INFINITY, 3])).toBe(2);
  });
});

describe("isHighPerformer", () => {
  const med = 0.02;
  it("needs a CTR strictly above 1.5 × the channel median", () => {
    expect(HIGH_PERFORMER_FACTOR).toBe(1.5);
    expect(isHighPerformer({ impressions: 10_000, clicks: 301 }, med)).toBe(true);
    expect(isHighPerformer({ impressions: 10_000, clicks: 300 }, med)).toBe(false);
    expect(isHighPerformer({ impressions: 10_000, clicks: 250 }, med)).toBe(false);
  });
  it("needs the minimum number of impressions, however good the CTR", () => {
    expect(qualifies(MIN_IMPRESSIONS)).toBe(true);
    expect(qualifies(MIN_IMPRESSIONS - 1)).toBe(false);
    expect(isHighPerformer({ impressions: MIN_IMPRESSIONS - 1, clicks: 500 }, med)).toBe(false);
    expect(isHighPerformer({ impressions: MIN_IMPRESSIONS, clicks: 500 }, med)).toBe(true);
  });
  it("flags nobody without a median, and honours custom thresholds", () => {
    expect(isHighPerformer({ impressions: 10_000, clicks: 5000 }, null)).toBe(false);
    expect(isHighPerformer({ impressions: 200, clicks: 10 }, 0.02, { factor: 2, minImpressions: 100 })).toBe(true);
    expect(isHighPerformer({ impressions: 200, clicks: 8 }, 0.02, { factor: 2, minImpressions: 100 })).toBe(false);
  });
  it("compares with the median as a ratio", () => {
    expect(ctrVsMedian(0.03, 0.02)).toBeCloseTo(1.5);
    expect(ctrVsMedian(null, 0.02)).toBeNull();
    expect(ctrVsMedian(0.03, 0)).toBeNull();
  });
});

describe("aspect ratios", () => {
  it("matches platform sizes within the tolerance and not beyond", () => {
    expect(aspectOf(1080, 1350)).toBe("4:5");
    expect(aspectOf(1080, 1349)).toBe("4:5");
    expect(aspectOf(1200, 628)).toBe("1.91:1");
    expect(aspectOf(1920, 1080)).toBe("16:9");
    expect(aspectOf(1080, 1920)).toBe("9:16");
    expect(aspectOf(1000, 1500)).toBe("2:3");
    expect(aspectOf(1080, 1080)).toBe("1:1");
    expect(aspectOf(1200, 800)).toBeNull();
    expect(aspectOf(null, 100)).toBeNull();
    expect(aspectMatches(0.8 * 1.03, "4:5")).toBe(false);
    expect(aspectMatches(0.8 * 1.019, "4:5")).toBe(true);
  });
});
