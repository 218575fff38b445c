// Per-asset, per-channel daily performance: batched ingestion (API, CSV, later publishing and ads) and the reads built on
// it. Ingestion is all-or-nothing and idempotent per asset/channel/day; never let media_assets totals drift from the rows.
import "server-only";
import { and, asc, desc, eq, gte, inArray, lte, ne, notInArray, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { MEDIA_KINDS, MEDIA_STATUSES, mediaAssets, mediaMetricsDaily, type MediaAsset, type MediaKind, type MediaStatus } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { AppError, ValidationError } from "@/lib/errors";
import { getAsset } from "./assets";
import { assetNotFound } from "./errors";
import { assetToJson } from "./json";
import { getLibrary } from "./libraries";
import {
  addTotals,
  ASPECT_RATIOS,
  ASPECT_TOLERANCE,
  ctrVsMedian,
  HIGH_PERFORMER_FACTOR,
  isHighPerformer,
  MIN_IMPRESSIONS,
  qualifies,
  ratesOf,
  ZERO_TOTALS,
  type Aspect,
  type MetricTotals,
  type Rates,
} from "./performance-math";
import {
  assetPerformanceQuerySchema,
  compareAssetsSchema,
  ingestMetricsSchema,
  libraryStatsSchema,
  topPerformersSchema,
  type AssetPerformanceInput,
  type CompareAssetsInput,
  type IngestMetricsInput,
  type LibraryStatsInput,
  type MetricRow,
  type TopPerformersInput,
} from "./schemas";
import { mostUsed } from "./usage";

export interface IngestMetricsResult {
  rows: number;
  /** Asset/channel/day rows that did not exist before. */
  inserted: number;
  /** Days sent again: their figures replaced the stored ones. */
  replaced: number;
  assets: number;
}

export interface IngestMetricsOptions {
  /** How a row is named in error messages (default "Row n", 1-based); CSV import names file lines instead. */
  rowLabel?: (index: number) => string;
}

const defaultRowLabel = (i: number) => `Row ${i + 1}`;

/** The first problem, named by row and field, as the message; every problem in fieldErrors (keys like rows.3.clicks). */
export function metricsValidationError(issues: readonly z.core.$ZodIssue[], rowLabel = defaultRowLabel): ValidationError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const first = issues[0];
  let message = "The metrics are not valid; nothing was stored.";
  if (first) {
    const [root, index, field] = first.path;
    const text = /[.!?)]$/.test(first.message) ? first.message : `${first.message}.`;
    message =
      root === "rows" && typeof index === "number"
        ? `${rowLabel(index)}${field !== undefined ? `, ${String(field)}` : ""}: ${text} Nothing was stored.`
        : `${text} Nothing was stored.`;
  }
  if (issues.length > 1) message += ` (${issues.length} problems in all.)`;
  return new ValidationError(fieldErrors, message);
}

/** 404 for an asset that is absent, deleted or another workspace's, naming the row so a big batch can be fixed. */
function rowAssetNotFound(index: number, rowLabel: (i: number) => string): AppError {
  return new AppError("ASSET_NOT_FOUND", 404, `${rowLabel(index)}, assetId: asset not found. Nothing was stored.`, {
    row: index,
    field: "assetId",
  });
}

/**
 * Stores daily figures per asset and channel. All rows or none: one bad row (named by row and field) stores nothing.
 * A day sent again replaces that day's figures, so re-sending a report is harmless. The assets' all-time totals
 * (impressions, clicks, CTR) are recomputed from the rows in the same transaction.
 */
export async function ingestMetrics(ctx: Ctx, raw: IngestMetricsInput, options: IngestMetricsOptions = {}): Promise<IngestMetricsResult> {
  authorize(ctx, "media.write");
  const rowLabel = options.rowLabel ?? defaultRowLabel;
  const parsed = ingestMetricsSchema.safeParse(raw);
  if (!parsed.success) throw metricsValidationError(parsed.error.issues, rowLabel);
  const rows: MetricRow[] = parsed.data.rows;
  const assetIds = [...new Set(rows.map((r) => r.assetId))].sort();

  return ctx.db.transaction(async (tx) => {
    // Locks the assets (in id order, so concurrent batches cannot deadlock) and proves they are this workspace's.
    const found = await tx
      .select({ id: mediaAssets.id })
      .from(mediaAssets)
      .where(and(eq(mediaAssets.workspaceId, ctx.workspaceId), inArray(mediaAssets.id, assetIds), ne(mediaAssets.status, "DELETED")))
      .orderBy(asc(mediaAssets.id))
      .for("update");
    const live = new Set(found.map((f) => f.id));
    const missing = rows.findIndex((r) => !live.has(r.assetId));
    if (missing >= 0) throw rowAssetNotFound(missing, rowLabel);

    // One statement whatever the batch size: the rows travel as one JSON parameter (no 65,535-parameter ceiling).
    const payload = JSON.stringify(
      rows.map((r) => ({ asset_id: r.assetId, channel: r.channel, day: r.day, impressions: r.impressions, clicks: r.clicks, engagements: r.engagements, conversions: r.conversions })),
    );
    const upserted = await tx.execute<{ inserted: boolean }>(sql`
      insert into media_metrics_daily (workspace_id, asset_id, channel, day, impressions, clicks, engagements, conversions, updated_at)
      select ${ctx.workspaceId}, r.asset_id, r.channel, r.day, r.impressions, r.clicks, r.engagements, r.conversions, now()
      from jsonb_to_recordset(${payload}::jsonb) as r(asset_id uuid, channel text, day date, impressions bigint, clicks bigint, engagements bigint, conversions bigint)
      on conflict (workspace_id, asset_id, channel, day) do update set
        impressions = excluded.impressions,
        clicks = excluded.clicks,
        engagements = excluded.engagements,
        conversions = excluded.conversions,
        updated_at = now()
      returning (xmax = 0) as inserted`);
    const inserted = upserted.rows.filter((r) => r.inserted).length;

    await refreshAssetTotals(tx, ctx.workspaceId, assetIds);

    const days = rows.map((r) => r.day).sort();
    await recordAudit(tx, ctx, {
      action: "media_asset.metrics_ingest",
      entityType: "media_asset",
      entityId: assetIds.length === 1 ? assetIds[0]! : `${assetIds.length} assets`,
      after: {
        rows: rows.length,
        inserted,
        replaced: rows.length - inserted,
        channels: [...new Set(rows.map((r) => r.channel))].sort(),
        from: days[0],
        to: days[days.length - 1],
        ...(assetIds.length > 1 ? { assetIds: assetIds.slice(0, 100) } : {}),
      },
    });
    return { rows: rows.length, inserted, replaced: rows.length - inserted, assets: assetIds.length };
  });
}

/** Recomputes the denormalised all-time totals of some assets from their daily rows (the sort "best CTR" reads them). */
export async function refreshAssetTotals(db: Ctx["db"], workspaceId: string, assetIds: string[]): Promise<void> {
  if (!assetIds.length) return;
  const ids = sql`array(select jsonb_array_elements_text(${JSON.stringify(assetIds)}::jsonb)::uuid)`;
  await db.execute(sql`
    update media_assets a set
      impressions = coalesce(t.impressions, 0),
      clicks = coalesce(t.clicks, 0),
      ctr = case when coalesce(t.impressions, 0) > 0 then t.clicks::float8 / t.impressions else 0 end
    from (
      select x.id, s.impressions, s.clicks
      from unnest(${ids}) as x(id)
      left join lateral (
        select sum(m.impressions) as impressions, sum(m.clicks) as clicks
        from media_metrics_daily m
        where m.workspace_id = ${workspaceId} and m.asset_id = x.id
      ) s on true
    ) t
    where a.workspace_id = ${workspaceId} and a.id = t.id`);
}

// ------------------------------------------------------------------ reads

export interface DailyPoint extends MetricTotals, Rates {
  day: string;
}

export interface ChannelPerformance extends MetricTotals, Rates {
  channel: string;
  channelMedianCtr: number | null;
  ctrVsMedian: number | null;
  qualifies: boolean;
  highPerformer: boolean;
  daily: DailyPoint[];
}

export interface AssetPerformance {
  assetId: string;
  from: string | null;
  to: string | null;
  totals: MetricTotals & Rates;
  highPerformer: boolean;
  highPerformerChannels: string[];
  channels: ChannelPerformance[];
  daily: DailyPoint[];
  thresholds: { factor: number; minImpressions: number };
}

export const PERFORMANCE_THRESHOLDS = { factor: HIGH_PERFORMER_FACTOR, minImpressions: MIN_IMPRESSIONS } as const;

interface Window {
  from?: string;
  to?: string;
}

function windowSql(w: Window): SQL {
  return sql`${w.from ? sql`and m.day >= ${w.from}` : sql``} ${w.to ? sql`and m.day <= ${w.to}` : sql``}`;
}

/**
 * The median CTR per channel over the workspace's assets (not in the bin) with at least MIN_IMPRESSIONS on that channel
 * in the window. Same definition as median() in performance-math.ts (percentile_cont(0.5) is the mean of the middle two).
 */
export async function channelMedians(ctx: Ctx, w: Window = {}, channels?: string[]): Promise<Map<string, number>> {
  const only = channels?.length ? sql`and m.channel in (select jsonb_array_elements_text(${JSON.stringify(channels)}::jsonb))` : sql``;
  const res = await ctx.db.execute<{ channel: string; median: number }>(sql`
    select s.channel, percentile_cont(0.5) within group (order by s.ctr) as median
    from (
      select m.channel, sum(m.clicks)::float8 / sum(m.impressions) as ctr
      from media_metrics_daily m
      join media_assets a on a.id = m.asset_id and a.workspace_id = m.workspace_id
      where m.workspace_id = ${ctx.workspaceId} and a.status <> 'DELETED' ${windowSql(w)} ${only}
      group by m.asset_id, m.channel
      having sum(m.impressions) >= ${MIN_IMPRESSIONS}
    ) s
    group by s.channel`);
  return new Map(res.rows.map((r) => [r.channel, Number(r.median)]));
}

interface DayRow extends MetricTotals {
  assetId: string;
  channel: string;
  day: string;
}

function point(day: string, t: MetricTotals): DailyPoint {
  return { day, ...t, ...ratesOf(t) };
}

/** Builds each asset's performance from its daily rows and the channel medians. */
function assemble(assetIds: string[], rows: DayRow[], medians: Map<string, number>, w: Window): Map<string, AssetPerformance> {
  const out = new Map<string, AssetPerformance>();
  for (const assetId of assetIds) {
    const mine = rows.filter((r) => r.assetId === assetId);
    const byChannel = new Map<string, DayRow[]>();
    for (const r of mine) byChannel.set(r.channel, [...(byChannel.get(r.channel) ?? []), r]);
    const channels: ChannelPerformance[] = [...byChannel.entries()].map(([channel, days]) => {
      const t = days.reduce<MetricTotals>((acc, d) => addTotals(acc, d), ZERO_TOTALS);
      const rates = ratesOf(t);
      const med = medians.get(channel) ?? null;
      return {
        channel,
        ...t,
        ...rates,
        channelMedianCtr: med,
        ctrVsMedian: ctrVsMedian(rates.ctr, med),
        qualifies: qualifies(t.impressions),
        highPerformer: isHighPerformer(t, med),
        daily: days.map((d) => point(d.day, d)),
      };
    });
    channels.sort((x, y) => y.impressions - x.impressions || x.channel.localeCompare(y.channel));
    const perDay = new Map<string, MetricTotals>();
    for (const r of mine) perDay.set(r.day, addTotals(perDay.get(r.day) ?? ZERO_TOTALS, r));
    const totals = channels.reduce<MetricTotals>((acc, c) => addTotals(acc, c), ZERO_TOTALS);
    const high = channels.filter((c) => c.highPerformer).map((c) => c.channel);
    out.set(assetId, {
      assetId,
      from: w.from ?? null,
      to: w.to ?? null,
      totals: { ...totals, ...ratesOf(totals) },
      highPerformer: high.length > 0,
      highPerformerChannels: high,
      channels,
      daily: [...perDay.entries()].sort(([x], [y]) => (x < y ? -1 : 1)).map(([day, t]) => point(day, t)),
      thresholds: { ...PERFORMANCE_THRESHOLDS },
    });
  }
  return out;
}

async function performanceOf(ctx: Ctx, assetIds: string[], w: Window & { channel?: string }): Promise<Map<string, AssetPerformance>> {
  const rows = await ctx.db
    .select({
      assetId: mediaMetricsDaily.assetId,
      channel: mediaMetricsDaily.channel,
      day: mediaMetricsDaily.day,
      impressions: mediaMetricsDaily.impressions,
      clicks: mediaMetricsDaily.clicks,
      engagements: mediaMetricsDaily.engagements,
      conversions: mediaMetricsDaily.conversions,
    })
    .from(mediaMetricsDaily)
    .where(and(...metricsConditions(ctx.workspaceId, assetIds, w.from, w.to, w.channel)))
    .orderBy(asc(mediaMetricsDaily.day), asc(mediaMetricsDaily.channel));
  const channels = [...new Set(rows.map((r) => r.channel))];
  const medians = channels.length ? await channelMedians(ctx, w, channels) : new Map<string, number>();
  return assemble(assetIds, rows, medians, w);
}

/** Rows of some assets, optionally between two days inclusive and on one channel. */
export function metricsConditions(workspaceId: string, assetIds: string[], from?: string, to?: string, channel?: string): SQL[] {
  const conds: SQL[] = [eq(mediaMetricsDaily.workspaceId, workspaceId), inArray(mediaMetricsDaily.assetId, assetIds)];
  if (from) conds.push(gte(mediaMetricsDaily.day, from));
  if (to) conds.push(lte(mediaMetricsDaily.day, to));
  if (channel) conds.push(eq(mediaMetricsDaily.channel, channel));
  return conds;
}

/** One asset's performance per channel (totals, rates, daily series, high-performer flag) in an optional window. */
export async function getAssetPerformance(ctx: Ctx, raw: AssetPerformanceInput): Promise<AssetPerformance> {
  const { assetId, ...rest } = raw;
  const w = assetPerformanceQuerySchema.parse(rest);
  await getAsset(ctx, assetId);
  return (await performanceOf(ctx, [assetId], w)).get(assetId)!;
}

export interface AssetComparison {
  channel: string | null;
  items: { asset: MediaAsset; performance: AssetPerformance }[];
  leaders: { ctr: string | null; engagementRate: string | null; conversionRate: string | null };
}

/** 2–4 assets side by side (optionally on one channel), with the one ahead on each rate. */
export async function compareAssets(ctx: Ctx, raw: CompareAssetsInput): Promise<AssetComparison> {
  authorize(ctx, "media.read");
  const input = compareAssetsSchema.parse(raw);
  const assets = await ctx.db
    .select()
    .from(mediaAssets)
    .where(and(eq(mediaAssets.workspaceId, ctx.workspaceId), inArray(mediaAssets.id, input.ids), ne(mediaAssets.status, "DELETED")));
  if (assets.length !== input.ids.length) throw assetNotFound();
  const perf = await performanceOf(ctx, input.ids, input);
  const items = input.ids.map((id) => ({ asset: assets.find((x) => x.id === id)!, performance: perf.get(id)! }));
  const leader = (key: keyof Rates) => {
    let best: { id: string; v: number } | null = null;
    for (const it of items) {
      const v = it.performance.totals[key];
      if (v !== null && it.performance.totals.impressions > 0 && (!best || v > best.v)) best = { id: it.asset.id, v };
    }
    return best?.id ?? null;
  };
  return { channel: input.channel ?? null, items, leaders: { ctr: leader("ctr"), engagementRate: leader("engagementRate"), conversionRate: leader("conversionRate") } };
}

export interface TopPerformer {
  asset: MediaAsset;
  channel: string | null;
  impressions: number;
  clicks: number;
  ctr: number;
  highPerformer: boolean;
  highPerformerChannels: string[];
}

function aspectSql(aspect: Aspect): SQL {
  const target = ASPECT_RATIOS[aspect];
  return sql`${mediaAssets.aspectRatio} between ${target * (1 - ASPECT_TOLERANCE)} and ${target * (1 + ASPECT_TOLERANCE)}`;
}

/** Where a high performer shines: the channels on which each asset beats 1.5× the median (all-time). */
async function highPerformerChannels(ctx: Ctx, assetIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(assetIds.map((id) => [id, []]));
  if (!assetIds.length) return out;
  const sums = await ctx.db
    .select({
      assetId: mediaMetricsDaily.assetId,
      channel: mediaMetricsDaily.channel,
      impressions: sql<number>`sum(${mediaMetricsDaily.impressions})::float8`,
      clicks: sql<number>`sum(${mediaMetricsDaily.clicks})::float8`,
    })
    .from(mediaMetricsDaily)
    .where(and(...metricsConditions(ctx.workspaceId, assetIds)))
    .groupBy(mediaMetricsDaily.assetId, mediaMetricsDaily.channel);
  const medians = await channelMedians(ctx, {}, [...new Set(sums.map((s) => s.channel))]);
  for (const s of sums) {
    if (isHighPerformer({ impressions: Number(s.impressions), clicks: Number(s.clicks) }, medians.get(s.channel) ?? null)) out.get(s.assetId)!.push(s.channel);
  }
  for (const list of out.values()) list.sort();
  return out;
}

/**
 * The best assets by CTR, among those with at least MIN_IMPRESSIONS (on `channel` when given, else in all), filtered by
 * aspect ratio, kind and library. Archived and deleted assets are left out: they cannot be used again as they are.
 */
export async function topPerformers(ctx: Ctx, raw: TopPerformersInput = {}): Promise<TopPerformer[]> {
  authorize(ctx, "media.read");
  const input = topPerformersSchema.parse(raw);
  const conds: SQL[] = [eq(mediaAssets.workspaceId, ctx.workspaceId), notInArray(mediaAssets.status, ["DELETED", "ARCHIVED"])];
  if (input.kind) conds.push(eq(mediaAssets.kind, input.kind));
  if (input.libraryId) conds.push(eq(mediaAssets.libraryId, input.libraryId));
  if (input.aspect) conds.push(aspectSql(input.aspect));
  let ranked: { asset: MediaAsset; impressions: number; clicks: number }[];
  if (input.channel) {
    const s = ctx.db
      .select({
        assetId: mediaMetricsDaily.assetId,
        impressions: sql<number>`sum(${mediaMetricsDaily.impressions})::float8`.as("channel_impressions"),
        clicks: sql<number>`sum(${mediaMetricsDaily.clicks})::float8`.as("channel_clicks"),
      })
      .from(mediaMetricsDaily)
      .where(and(eq(mediaMetricsDaily.workspaceId, ctx.workspaceId), eq(mediaMetricsDaily.channel, input.channel)))
      .groupBy(mediaMetricsDaily.assetId)
      .having(sql`sum(${mediaMetricsDaily.impressions}) >= ${MIN_IMPRESSIONS}`)
      .as("s");
    const rows = await ctx.db
      .select({ asset: mediaAssets, impressions: s.impressions, clicks: s.clicks })
      .from(s)
      .innerJoin(mediaAssets, and(eq(mediaAssets.id, s.assetId), eq(mediaAssets.workspaceId, ctx.workspaceId)))
      .where(and(...conds))
      .orderBy(sql`${s.clicks} / ${s.impressions} desc`, desc(s.impressions), asc(mediaAssets.id))
      .limit(input.limit);
    ranked = rows.map((r) => ({ asset: r.asset, impressions: Number(r.impressions), clicks: Number(r.clicks) }));
  } else {
    const rows = await ctx.db
      .select()
      .from(mediaAssets)
      .where(and(...conds, gte(mediaAssets.impressions, MIN_IMPRESSIONS)))
      .orderBy(desc(mediaAssets.ctr), desc(mediaAssets.id))
      .limit(input.limit);
    ranked = rows.map((a) => ({ asset: a, impressions: a.impressions, clicks: a.clicks }));
  }
  const flags = await highPerformerChannels(ctx, ranked.map((r) => r.asset.id));
  return ranked.map((r) => {
    const channels = flags.get(r.asset.id) ?? [];
    return {
      asset: r.asset,
      channel: input.channel ?? null,
      impressions: r.impressions,
      clicks: r.clicks,
      ctr: r.impressions > 0 ? r.clicks / r.impressions : 0,
      highPerformer: input.channel ? channels.includes(input.channel) : channels.length > 0,
      highPerformerChannels: channels,
    };
  });
}

export interface LibraryStats {
  libraryId: string | null;
  totalAssets: number;
  totalBytes: number;
  byKind: { kind: MediaKind; count: number; bytes: number }[];
  byStatus: { status: MediaStatus; count: number }[];
  mostUsed: MediaAsset[];
  bestPerforming: TopPerformer[];
}

/** Counts by kind and status, bytes, the most used and the best performing assets of the workspace or one library. */
export async function libraryStats(ctx: Ctx, raw: LibraryStatsInput = {}): Promise<LibraryStats> {
  authorize(ctx, "media.read");
  const input = libraryStatsSchema.parse(raw);
  if (input.libraryId) await getLibrary(ctx, input.libraryId);
  const scope: SQL[] = [eq(mediaAssets.workspaceId, ctx.workspaceId)];
  if (input.libraryId) scope.push(eq(mediaAssets.libraryId, input.libraryId));
  const [kinds, statuses, used, best] = await Promise.all([
    ctx.db
      .select({ kind: mediaAssets.kind, count: sql<number>`count(*)::int`, bytes: sql<number>`coalesce(sum(${mediaAssets.bytes}), 0)::float8` })
      .from(mediaAssets)
      .where(and(...scope, ne(mediaAssets.status, "DELETED")))
      .groupBy(mediaAssets.kind),
    ctx.db
      .select({ status: mediaAssets.status, count: sql<number>`count(*)::int` })
      .from(mediaAssets)
      .where(and(...scope))
      .groupBy(mediaAssets.status),
    mostUsed(ctx, { limit: 5, libraryId: input.libraryId }),
    topPerformers(ctx, { limit: 5, libraryId: input.libraryId }),
  ]);
  const byKind = MEDIA_KINDS.map((kind) => {
    const k = kinds.find((r) => r.kind === kind);
    return { kind, count: k ? Number(k.count) : 0, bytes: k ? Number(k.bytes) : 0 };
  });
  return {
    libraryId: input.libraryId ?? null,
    totalAssets: byKind.reduce((n, k) => n + k.count, 0),
    totalBytes: byKind.reduce((n, k) => n + k.bytes, 0),
    byKind,
    byStatus: MEDIA_STATUSES.map((status) => ({ status, count: Number(statuses.find((r) => r.status === status)?.count ?? 0) })),
    mostUsed: used,
    bestPerforming: best,
  };
}

// ------------------------------------------------------------------ JSON

export function topPerformerToJson(t: TopPerformer) {
  return { ...t, asset: assetToJson(t.asset) };
}

export function comparisonToJson(c: AssetComparison) {
  return { ...c, items: c.items.map((i) => ({ asset: assetToJson(i.asset), performance: i.performance })) };
}

export function libraryStatsToJson(s: LibraryStats) {
  return {
    ...s,
    mostUsed: s.mostUsed.map((a) => ({ asset: assetToJson(a), usageCount: a.usageCount })),
    bestPerforming: s.bestPerforming.map(topPerformerToJson),
  };
}

/** The channels this workspace has any figures for, most impressions first (for pickers). */
export async function metricChannels(ctx: Ctx): Promise<string[]> {
  authorize(ctx, "media.read");
  const rows = await ctx.db
    .select({ channel: mediaMetricsDaily.channel })
    .from(mediaMetricsDaily)
    .where(eq(mediaMetricsDaily.workspaceId, ctx.workspaceId))
    .groupBy(mediaMetricsDaily.channel)
    .orderBy(sql`sum(${mediaMetricsDaily.impressions}) desc`, asc(mediaMetricsDaily.channel))
    .limit(50);
  return rows.map((r) => r.channel);
}
