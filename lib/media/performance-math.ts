// The pure arithmetic of media performance: rates, the median, the high-performer rule and aspect-ratio matching.
// Framework- and database-free; SQL that computes the same things (channel medians) must agree with these definitions.

/** An asset is a high performer on a channel when its CTR beats this multiple of the channel's median CTR… */
export const HIGH_PERFORMER_FACTOR = 1.5;
/** …and it (and every asset the median is taken over) has at least this many impressions on that channel. */
export const MIN_IMPRESSIONS = 1_000;

export interface MetricTotals {
  impressions: number;
  clicks: number;
  engagements: number;
  conversions: number;
}

export interface Rates {
  /** clicks / impressions; null without impressions. */
  ctr: number | null;
  /** engagements / impressions; null without impressions. */
  engagementRate: number | null;
  /** conversions / clicks; null without clicks. */
  conversionRate: number | null;
}

function ratio(n: number, d: number): number | null {
  return d > 0 ? n / d : null;
}

export function ratesOf(t: MetricTotals): Rates {
  return { ctr: ratio(t.clicks, t.impressions), engagementRate: ratio(t.engagements, t.impressions), conversionRate: ratio(t.conversions, t.clicks) };
}

export function addTotals(a: MetricTotals, b: MetricTotals): MetricTotals {
  return { impressions: a.impressions + b.impressions, clicks: a.clicks + b.clicks, engagements: a.engagements + b.engagements, conversions: a.conversions + b.conversions };
}

export const ZERO_TOTALS: MetricTotals = Object.freeze({ impressions: 0, clicks: 0, engagements: 0, conversions: 0 });

/** The middle value (the mean of the two middle ones for an even count); null for none. Ignores non-finite values. */
export function median(values: readonly number[]): number | null {
  const v = values.filter((x) => Number.isFinite(x)).sort((x, y) => x - y);
  if (!v.length) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** Counts towards a channel's median, and can be flagged, only with enough impressions to mean something. */
export function qualifies(impressions: number, minImpressions = MIN_IMPRESSIONS): boolean {
  return impressions >= minImpressions;
}

/**
 * The high-performer rule: enough impressions, and a CTR strictly above HIGH_PERFORMER_FACTOR × the channel's median.
 * No median (no qualifying asset on the channel) flags nobody; a zero median flags any qualifying asset with clicks.
 */
export function isHighPerformer(
  t: Pick<MetricTotals, "impressions" | "clicks">,
  channelMedianCtr: number | null,
  { factor = HIGH_PERFORMER_FACTOR, minImpressions = MIN_IMPRESSIONS } = {},
): boolean {
  if (channelMedianCtr === null || !qualifies(t.impressions, minImpressions)) return false;
  return t.clicks / t.impressions > factor * channelMedianCtr;
}

/** How far an asset's CTR sits from the channel median, as a ratio (1.8 = 80 % above); null when either is unknown. */
export function ctrVsMedian(ctr: number | null, channelMedianCtr: number | null): number | null {
  if (ctr === null || channelMedianCtr === null || channelMedianCtr <= 0) return null;
  return ctr / channelMedianCtr;
}

// ------------------------------------------------------------------ aspect ratios

/** The platform aspect ratios the library filters on and makes variants for, as width / height. */
export const ASPECT_RATIOS = { "1:1": 1, "4:5": 4 / 5, "9:16": 9 / 16, "16:9": 16 / 9, "1.91:1": 1.91, "2:3": 2 / 3 } as const;
export type Aspect = keyof typeof ASPECT_RATIOS;
export const ASPECTS = Object.keys(ASPECT_RATIOS) as Aspect[];

/** Relative tolerance: 1080×1350 is 4:5 exactly, 1200×628 is 1.91:1 to 0.05 %, a 1080×1349 export still counts. */
export const ASPECT_TOLERANCE = 0.02;

export function aspectMatches(ratio: number | null | undefined, aspect: Aspect, tolerance = ASPECT_TOLERANCE): boolean {
  if (!ratio || !Number.isFinite(ratio)) return false;
  const target = ASPECT_RATIOS[aspect];
  return Math.abs(ratio - target) <= tolerance * target;
}

/** The platform aspect a picture already has, or null. */
export function aspectOf(width: number | null | undefined, height: number | null | undefined): Aspect | null {
  if (!width || !height) return null;
  return ASPECTS.find((a) => aspectMatches(width / height, a)) ?? null;
}
