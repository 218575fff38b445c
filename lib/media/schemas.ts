// Inputs and outputs of the media engine: one zod schema per input (forms, actions, REST and OpenAPI share them) and
// the JSON shapes the API answers with. Never accept a storage key, hash or status from a client outside these.
import { z } from "zod";
import { MEDIA_KINDS, MEDIA_STATUSES, MEDIA_USAGE_ENTITIES, MEDIA_VARIANT_PRESETS } from "./constants";
import { MEDIA_ACTIONS } from "./lifecycle";
import { NETWORKS, PLACEMENTS } from "./best-variant-table";
import { ASPECTS } from "./performance-math";

const uuid = z.string().uuid();
const tag = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .transform((t) => t.toLowerCase());
const tagsSchema = z
  .array(tag)
  .max(50, "At most 50 tags.")
  .transform((tags) => [...new Set(tags)].sort());
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullable();

export const idParamSchema = z.object({ id: uuid });
export const variantParamSchema = z.object({ id: uuid, preset: z.enum(MEDIA_VARIANT_PRESETS) });

// ------------------------------------------------------------------ libraries

export const createLibrarySchema = z.object({
  name: z.string().trim().min(1, "Name the library.").max(100),
  description: z.string().trim().max(500).default(""),
});
export const updateLibrarySchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  description: z.string().trim().max(500).optional(),
});
export type CreateLibraryInput = z.input<typeof createLibrarySchema>;
export type UpdateLibraryInput = z.input<typeof updateLibrarySchema>;

export const librarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  assetCount: z.number().int(),
  totalBytes: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const libraryListSchema = z.object({ items: z.array(librarySchema) });

// ------------------------------------------------------------------ assets

export const ORIENTATIONS = ["landscape", "portrait", "square"] as const;
export const ASSET_SORTS = ["newest", "oldest", "most_used", "largest", "best_ctr"] as const;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v), z.array(item));

export const listAssetsSchema = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  sort: z.enum(ASSET_SORTS).default("newest"),
  kind: z.enum(MEDIA_KINDS).optional(),
  /** One status, or several comma-separated; DELETED assets appear only when asked for. */
  status: csv(z.enum(MEDIA_STATUSES)).optional(),
  /** Comma-separated; an asset must carry every tag given. */
  tags: csv(tag).optional(),
  category: z.string().trim().max(60).optional(),
  libraryId: uuid.optional(),
  orientation: z.enum(ORIENTATIONS).optional(),
  /** A platform aspect ratio (1:1, 4:5, 9:16, 16:9, 1.91:1, 2:3), matched within 2 %. */
  aspect: z.enum(ASPECTS).optional(),
  uploadedBy: z.string().min(1).max(100).optional(),
  createdFrom: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  createdTo: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  /** Searches name, tags and alt text. */
  q: z.string().trim().max(200).optional(),
});
export type ListAssetsInput = z.input<typeof listAssetsSchema>;

const focal = z.number().min(0).max(1);
export const updateAssetSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  tags: tagsSchema.optional(),
  category: optionalText(60).optional(),
  altText: optionalText(1000).optional(),
  focalPoint: z.object({ x: focal, y: focal }).optional(),
  /** ISO date-time; null clears the expiry. */
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
  libraryId: uuid.optional(),
});
export type UpdateAssetInput = z.input<typeof updateAssetSchema>;

export const transitionAssetSchema = z.object({
  action: z.enum(MEDIA_ACTIONS),
  note: z.string().trim().max(2000).optional(),
});
export type TransitionAssetInput = z.input<typeof transitionAssetSchema>;

export const bulkTransitionSchema = z.object({
  ids: z.array(uuid).min(1).max(500),
  action: z.enum(["approve", "reject", "submit", "archive"]),
  note: z.string().trim().max(2000).optional(),
});
export type BulkTransitionInput = z.input<typeof bulkTransitionSchema>;

export const nearDuplicatesQuerySchema = z.object({
  maxDistance: z.coerce.number().int().min(0).max(32).default(10),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  includeArchived: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
});

export const attachAssetSchema = z.object({
  entityType: z.enum(MEDIA_USAGE_ENTITIES),
  entityId: z.string().trim().min(1).max(200),
  campaignId: uuid.nullable().optional(),
});
export type AttachAssetInput = z.input<typeof attachAssetSchema> & { assetId: string };

export const detachAssetQuerySchema = z.object({
  entityType: z.enum(MEDIA_USAGE_ENTITIES),
  entityId: z.string().trim().min(1).max(200),
});

export const mostUsedQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  libraryId: uuid.optional(),
});

export const uploadQuerySchema = z.object({ libraryId: uuid, name: z.string().trim().max(200).optional() });

export const createUploadSchema = z.object({
  libraryId: uuid,
  fileName: z.string().trim().min(1).max(255),
  /** The whole file's size in bytes. */
  bytes: z.number().int().min(1, "The file is empty (0 bytes)."),
  name: z.string().trim().max(200).optional(),
});
export type CreateUploadInput = z.input<typeof createUploadSchema>;

export const downloadQuerySchema = z.object({ download: z.enum(["0", "1"]).optional() });

// ------------------------------------------------------------------ JSON answers

export const assetJsonSchema = z.object({
  id: z.string(),
  libraryId: z.string(),
  name: z.string(),
  originalFileName: z.string(),
  kind: z.enum(MEDIA_KINDS),
  mime: z.string(),
  format: z.string(),
  bytes: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  aspectRatio: z.number().nullable(),
  orientation: z.enum(ORIENTATIONS).nullable(),
  durationMs: z.number().int().nullable(),
  pageCount: z.number().int().nullable(),
  palette: z.array(z.string()),
  blurhash: z.string().nullable(),
  altText: z.string().nullable(),
  altTextSuggested: z.boolean(),
  tags: z.array(z.string()),
  category: z.string().nullable(),
  status: z.enum(MEDIA_STATUSES),
  deletedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  focalPoint: z.object({ x: z.number(), y: z.number() }),
  sha256: z.string(),
  perceptualHash: z.string().nullable().describe("64-bit dHash as 16 hex digits"),
  exif: z.object({
    make: z.string().optional(),
    model: z.string().optional(),
    software: z.string().optional(),
    takenAt: z.string().optional(),
    orientation: z.number().optional(),
    locationRemoved: z.boolean().optional(),
  }),
  usageCount: z.number().int(),
  uploadedByUserId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AssetJson = z.infer<typeof assetJsonSchema>;

export const assetPageSchema = z.object({ items: z.array(assetJsonSchema), nextCursor: z.string().nullable() });

export const nearDuplicateJsonSchema = z.object({ asset: assetJsonSchema, distance: z.number().int(), similarity: z.number() });
export const nearDuplicateListSchema = z.object({ items: z.array(nearDuplicateJsonSchema), maxDistance: z.number().int() });

export const uploadResultSchema = z.union([
  z.object({ created: z.literal(true), asset: assetJsonSchema, nearDuplicates: z.array(nearDuplicateJsonSchema), notes: z.array(z.string()) }),
  z.object({ created: z.literal(false), duplicateOf: assetJsonSchema }),
]);

export const approvalJsonSchema = z.object({
  id: z.string(),
  action: z.string(),
  fromStatus: z.enum(MEDIA_STATUSES).nullable(),
  toStatus: z.enum(MEDIA_STATUSES),
  actor: z.string(),
  note: z.string().nullable(),
  at: z.string(),
});
export const approvalListSchema = z.object({ items: z.array(approvalJsonSchema) });

export const bulkTransitionResultSchema = z.object({
  action: z.string(),
  done: z.array(z.string()),
  skipped: z.array(z.object({ id: z.string(), code: z.string(), reason: z.string() })),
});

export const usageJsonSchema = z.object({
  id: z.string(),
  assetId: z.string(),
  entityType: z.enum(MEDIA_USAGE_ENTITIES),
  entityId: z.string(),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  attachedBy: z.string(),
  at: z.string(),
});
export const usageListSchema = z.object({ items: z.array(usageJsonSchema) });
export const mostUsedSchema = z.object({ items: z.array(z.object({ asset: assetJsonSchema, usageCount: z.number().int() })) });

export const uploadSessionSchema = z.object({
  id: z.string(),
  libraryId: z.string(),
  fileName: z.string(),
  expectedBytes: z.number().int(),
  receivedBytes: z.number().int(),
  status: z.string(),
  assetId: z.string().nullable(),
  duplicate: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  expiresAt: z.string(),
});

// ================================================================== performance, best variant, suggestions, alt text
// (performance.ts, best-variant.ts, suggestions.ts, alt-text.ts). Metrics arrive from publishing/ads, the REST API and CSV.

/** Largest batch one ingest call takes (the REST JSON route takes at most METRICS_JSON_MAX_ROWS of them). */
export const METRICS_MAX_ROWS = 10_000;
export const METRICS_JSON_MAX_ROWS = 1_000;

/** instagram, facebook, linkedin, x, tiktok, youtube, pinterest, google_ads, meta_ads, email, … (lower-case slug). */
export const channelSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "Use a channel slug such as instagram, linkedin or google_ads.");

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar day (YYYY-MM-DD) that exists, from 2000 on and not more than a day ahead (time zones). */
export const metricDaySchema = z
  .string()
  .trim()
  .regex(ISO_DAY, "Use a date as YYYY-MM-DD.")
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, "Not a real calendar date.")
  .refine((d) => d >= "2000-01-01", "Days before 2000 are not accepted.")
  .refine((d) => Date.parse(`${d}T00:00:00Z`) <= Date.now() + 86_400_000, "A day in the future cannot have results yet.");

const count = (label: string) =>
  z.preprocess(
    // CSV cells and query strings arrive as text; "1,234" or "12.5" are refused rather than guessed at.
    (v) => (typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .number({ error: (iss) => (iss.input === undefined ? `${label} is required.` : `${label} must be a whole number.`) })
      .int(`${label} must be a whole number.`)
      .min(0, `${label} cannot be negative.`)
      .max(1e12, `${label} is implausibly large.`),
  );
const optionalCount = (label: string) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), count(label).optional()).transform((v) => v ?? 0);

const metricFields = {
  channel: channelSchema,
  day: metricDaySchema,
  impressions: count("Impressions"),
  clicks: optionalCount("Clicks"),
  engagements: optionalCount("Engagements"),
  conversions: optionalCount("Conversions"),
};

function checkMetricBounds(r: { impressions: number; clicks: number; conversions: number }, ctx: z.RefinementCtx): void {
  if (r.clicks > r.impressions) {
    ctx.addIssue({ code: "custom", path: ["clicks"], message: `Clicks (${r.clicks}) cannot exceed impressions (${r.impressions}).` });
  }
  if (r.conversions > r.clicks) {
    ctx.addIssue({ code: "custom", path: ["conversions"], message: `Conversions (${r.conversions}) cannot exceed clicks (${r.clicks}).` });
  }
}

/** One day of one asset on one channel. Conversions are counted per click, so they cannot exceed clicks. */
export const metricRowSchema = z.object({ assetId: uuid, ...metricFields }).superRefine(checkMetricBounds);
export type MetricRowInput = z.input<typeof metricRowSchema>;
export type MetricRow = z.output<typeof metricRowSchema>;

export const ingestMetricsSchema = z
  .object({
    rows: z.array(metricRowSchema).min(1, "Send at least one row.").max(METRICS_MAX_ROWS, `At most ${METRICS_MAX_ROWS} rows per batch.`),
  })
  .superRefine((input, ctx) => {
    // The same asset/channel/day twice in one batch is ambiguous: which figures win?
    const seen = new Map<string, number>();
    input.rows.forEach((r, i) => {
      const key = `${r.assetId}|${r.channel}|${r.day}`;
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: ["rows", i, "day"], message: `Repeats row ${first + 1} (same asset, channel and day).` });
      } else seen.set(key, i);
    });
  });
export type IngestMetricsInput = z.input<typeof ingestMetricsSchema>;

/** The per-asset REST body: the asset comes from the path. */
export const assetMetricsBodySchema = z.object({
  rows: z
    .array(z.object(metricFields).superRefine(checkMetricBounds))
    .min(1, "Send at least one row.")
    .max(METRICS_JSON_MAX_ROWS, `At most ${METRICS_JSON_MAX_ROWS} rows per request; send more in several batches.`),
});

export const ingestMetricsResultSchema = z.object({
  rows: z.number().int(),
  inserted: z.number().int().describe("New asset/channel/day rows"),
  replaced: z.number().int().describe("Days sent again, whose figures were replaced"),
  assets: z.number().int(),
});

/** A day bound for reads (no "not in the future" rule: a window may end tomorrow). */
const dayBound = z.string().trim().regex(ISO_DAY, "Use a date as YYYY-MM-DD.");
const idList = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? [...new Set(v.split(",").map((s) => s.trim()).filter(Boolean))] : v),
    z.array(uuid).min(min, `Pick at least ${min} assets.`).max(max, `Compare at most ${max} assets.`),
  );

export const assetPerformanceQuerySchema = z
  .object({ from: dayBound.optional(), to: dayBound.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "`from` must not be after `to`.", path: ["to"] });
export type AssetPerformanceInput = z.input<typeof assetPerformanceQuerySchema> & { assetId: string };

export const compareAssetsSchema = z.object({
  /** 2–4 asset ids, comma-separated in a query string. */
  ids: idList(2, 4),
  channel: channelSchema.optional(),
  from: dayBound.optional(),
  to: dayBound.optional(),
});
export type CompareAssetsInput = z.input<typeof compareAssetsSchema>;

export const topPerformersSchema = z.object({
  channel: channelSchema.optional(),
  aspect: z.enum(ASPECTS).optional(),
  kind: z.enum(MEDIA_KINDS).optional(),
  libraryId: uuid.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type TopPerformersInput = z.input<typeof topPerformersSchema>;

export const libraryStatsSchema = z.object({ libraryId: uuid.optional() });
export type LibraryStatsInput = z.input<typeof libraryStatsSchema>;

const rate = z.number().nullable();
const totalsJson = {
  impressions: z.number().int(),
  clicks: z.number().int(),
  engagements: z.number().int(),
  conversions: z.number().int(),
  ctr: rate.describe("clicks / impressions; null without impressions"),
  engagementRate: rate.describe("engagements / impressions"),
  conversionRate: rate.describe("conversions / clicks; null without clicks"),
};
export const dailyPointJsonSchema = z.object({ day: z.string(), ...totalsJson });
export const channelPerformanceJsonSchema = z.object({
  channel: z.string(),
  ...totalsJson,
  channelMedianCtr: rate.describe("median CTR of the workspace's assets on this channel with at least minImpressions"),
  ctrVsMedian: rate.describe("ctr / channelMedianCtr"),
  qualifies: z.boolean().describe("has at least minImpressions on this channel"),
  highPerformer: z.boolean(),
  daily: z.array(dailyPointJsonSchema),
});
export const performanceThresholdsJsonSchema = z.object({ factor: z.number(), minImpressions: z.number().int() });
export const assetPerformanceJsonSchema = z.object({
  assetId: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  totals: z.object(totalsJson),
  highPerformer: z.boolean(),
  highPerformerChannels: z.array(z.string()),
  channels: z.array(channelPerformanceJsonSchema),
  daily: z.array(dailyPointJsonSchema),
  thresholds: performanceThresholdsJsonSchema,
});
export type AssetPerformanceJson = z.infer<typeof assetPerformanceJsonSchema>;

export const compareAssetsJsonSchema = z.object({
  channel: z.string().nullable(),
  items: z.array(z.object({ asset: assetJsonSchema, performance: assetPerformanceJsonSchema })),
  /** The asset ahead on each rate (among assets with any impressions), or null. */
  leaders: z.object({ ctr: z.string().nullable(), engagementRate: z.string().nullable(), conversionRate: z.string().nullable() }),
});
export type CompareAssetsJson = z.infer<typeof compareAssetsJsonSchema>;

export const topPerformerJsonSchema = z.object({
  asset: assetJsonSchema,
  channel: z.string().nullable(),
  impressions: z.number().int(),
  clicks: z.number().int(),
  ctr: z.number(),
  highPerformer: z.boolean(),
  highPerformerChannels: z.array(z.string()),
});
export const topPerformersJsonSchema = z.object({ items: z.array(topPerformerJsonSchema), thresholds: performanceThresholdsJsonSchema });
export type TopPerformersJson = z.infer<typeof topPerformersJsonSchema>;

export const libraryStatsJsonSchema = z.object({
  libraryId: z.string().nullable(),
  totalAssets: z.number().int().describe("live assets (not in the bin)"),
  totalBytes: z.number().int(),
  byKind: z.array(z.object({ kind: z.enum(MEDIA_KINDS), count: z.number().int(), bytes: z.number().int() })),
  byStatus: z.array(z.object({ status: z.enum(MEDIA_STATUSES), count: z.number().int() })),
  mostUsed: z.array(z.object({ asset: assetJsonSchema, usageCount: z.number().int() })),
  bestPerforming: z.array(topPerformerJsonSchema),
});
export type LibraryStatsJson = z.infer<typeof libraryStatsJsonSchema>;

export const bestVariantQuerySchema = z.object({
  network: z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), z.enum(NETWORKS)),
  /** The network's default placement when omitted (instagram: feed, youtube: video, pinterest: pin). */
  placement: z.preprocess((v) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.trim().toLowerCase()) : v), z.enum(PLACEMENTS).optional()),
});
export type BestVariantInput = z.input<typeof bestVariantQuerySchema> & { assetId: string };

export const bestVariantJsonSchema = z.object({
  assetId: z.string(),
  network: z.enum(NETWORKS),
  placement: z.enum(PLACEMENTS),
  preferred: z.array(z.enum(ASPECTS)).describe("the shapes this placement takes, best first"),
  source: z.enum(["original", "variant", "needs_generating"]),
  preset: z.enum(ASPECTS).describe("the shape answered, or the one to generate"),
  canGenerate: z.boolean(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  bytes: z.number().int().nullable(),
  format: z.string().nullable(),
  /** Where to fetch it (null while it needs generating). */
  url: z.string().nullable(),
  message: z.string(),
});
export type BestVariantJson = z.infer<typeof bestVariantJsonSchema>;

export const suggestAltTextSchema = z.object({
  assetId: uuid,
  /** Replace alt text a person wrote (otherwise it is kept and the suggestion only returned). */
  force: z.boolean().default(false),
});
export type SuggestAltTextInput = z.input<typeof suggestAltTextSchema>;
export const altTextResultSchema = z.object({
  altText: z.string(),
  stored: z.boolean().describe("false when the asset keeps alt text a person wrote"),
  offline: z.boolean().describe("the built-in offline provider answered (templated text)"),
});

export const SUGGESTION_ACTION_KINDS = ["generate_variant", "convert", "archive", "edit_alt_text"] as const;
export const SUGGESTION_PRIORITIES = ["high", "medium", "low"] as const;
export const SUGGESTION_RULES = ["low_ctr", "too_large", "wrong_aspect", "missing_alt_text", "near_duplicates", "expiring_soon", "unused"] as const;

export const suggestionActionSchema = z.object({
  kind: z.enum(SUGGESTION_ACTION_KINDS),
  /** For generate_variant (a ratio preset) and convert (webp or avif). */
  preset: z.enum(MEDIA_VARIANT_PRESETS).optional(),
});
export type SuggestionAction = z.infer<typeof suggestionActionSchema>;

export const listSuggestionsSchema = z.object({
  assetId: uuid.optional(),
  libraryId: uuid.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** "Unused" means no usage and no metrics for this many days. */
  unusedDays: z.coerce.number().int().min(7).max(3650).default(90),
});
export type ListSuggestionsInput = z.input<typeof listSuggestionsSchema>;

export const applySuggestionSchema = z.object({ assetId: uuid, action: suggestionActionSchema });
export type ApplySuggestionInput = z.input<typeof applySuggestionSchema>;

export const suggestionJsonSchema = z.object({
  id: z.string().describe("rule:assetId[:channel], stable across calls"),
  rule: z.enum(SUGGESTION_RULES),
  assetId: z.string(),
  assetName: z.string(),
  priority: z.enum(SUGGESTION_PRIORITIES),
  title: z.string(),
  explanation: z.string(),
  action: suggestionActionSchema.extend({ label: z.string() }),
});
export type SuggestionJson = z.infer<typeof suggestionJsonSchema>;
export const suggestionListSchema = z.object({ items: z.array(suggestionJsonSchema) });

export const applySuggestionResultSchema = z.object({
  kind: z.enum(SUGGESTION_ACTION_KINDS),
  status: z.enum(["done", "queued", "exists"]),
  message: z.string(),
});
export type ApplySuggestionResult = z.infer<typeof applySuggestionResultSchema>;
