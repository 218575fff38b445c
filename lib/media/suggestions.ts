// Optimisation suggestions per asset: rules with a priority, an explanation carrying the numbers, and one one-click action
// performed through existing engine functions. Savings are only ever quoted from conversions actually made, never guessed.
import "server-only";
import { and, desc, eq, notInArray, sql } from "drizzle-orm";
import { mediaAssets, mediaMetricsDaily, type MediaAsset, type MediaVariant } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { ConflictError } from "@/lib/errors";
import { suggestAltText } from "./alt-text";
import { getAsset } from "./assets";
import { chooseBestVariant, NETWORK_LABELS, NETWORKS, preferredAspects, type Network } from "./best-variant-table";
import { variantUrl } from "./best-variant";
import { findNearDuplicates, type NearDuplicate } from "./duplicates";
import { assetNotFound } from "./errors";
import { scheduleVariants, type IngestOptions } from "./ingest";
import { getLibrary } from "./libraries";
import { channelMedians } from "./performance";
import { MIN_IMPRESSIONS, qualifies } from "./performance-math";
import {
  applySuggestionSchema,
  listSuggestionsSchema,
  type ApplySuggestionInput,
  type ApplySuggestionResult,
  type ListSuggestionsInput,
  type SuggestionJson,
} from "./schemas";
import { transitionAsset } from "./transitions";
import { listVariants } from "./variants";
import { formatBytes } from "./limits";

/** CTR below this share of the channel median (with MIN_IMPRESSIONS) is "low". */
export const LOW_CTR_FACTOR = 0.5;
/** Feeds, ads and email render pictures under about 1 MB quickly; above it loading time and upload limits start to bite. */
export const IMAGE_BYTES_BUDGET = 1024 * 1024;
/** A measured conversion must save at least this share to be worth suggesting. */
export const MIN_CONVERSION_SAVING = 0.1;
export const EXPIRING_SOON_DAYS = 14;
export const DEFAULT_UNUSED_DAYS = 90;
/** Library-wide listing evaluates at most this many assets (most recently changed first). */
export const LIBRARY_SCAN_LIMIT = 100;

export type Suggestion = SuggestionJson;

const PRIORITY_ORDER = { high: 0, medium: 1, low: 2 } as const;
const channelLabel = (c: string) => (NETWORK_LABELS as Record<string, string>)[c] ?? c.replace(/_/g, " ");
const isNetwork = (c: string): c is Network => (NETWORKS as readonly string[]).includes(c);

const pct = (r: number) => `${(r * 100).toFixed(r < 0.1 ? 2 : 1)} %`;
const int = (n: number) => n.toLocaleString("en-GB");

interface ChannelFacts {
  channel: string;
  impressions: number;
  clicks: number;
  lastDay: string;
}

/** Everything the rules look at for one asset. */
export interface SuggestionFacts {
  channels: ChannelFacts[];
  medians: Map<string, number>;
  variants: Pick<MediaVariant, "preset" | "width" | "height" | "bytes" | "format">[];
  nearDuplicates: (Pick<NearDuplicate, "distance" | "similarity"> & { asset: Pick<MediaAsset, "id" | "name" | "usageCount" | "impressions" | "createdAt"> })[];
  /** Most recent day with any metrics, or null. */
  lastMetricsDay: string | null;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The rules, as a pure function of the asset and its facts. */
export function evaluateSuggestions(asset: MediaAsset, facts: SuggestionFacts, now = new Date(), unusedDays = DEFAULT_UNUSED_DAYS): Suggestion[] {
  if (asset.status === "ARCHIVED" || asset.status === "DELETED") return [];
  const out: Suggestion[] = [];
  const base = { assetId: asset.id, assetName: asset.name };
  const picture = asset.kind === "image" || asset.kind === "svg";
  const shapeFor = (channel: string) => (isNetwork(channel) ? chooseBestVariant(asset, facts.variants, preferredAspects(channel)!) : null);

  // Low CTR against the channel median.
  for (const c of facts.channels) {
    const median = facts.medians.get(c.channel);
    if (median === undefined || median <= 0 || !qualifies(c.impressions)) continue;
    const ctr = c.clicks / c.impressions;
    if (ctr >= LOW_CTR_FACTOR * median) continue;
    const shape = shapeFor(c.channel);
    const recrop = shape?.source === "needs_generating" && shape.canGenerate;
    out.push({
      ...base,
      id: `low_ctr:${asset.id}:${c.channel}`,
      rule: "low_ctr",
      priority: ctr < (LOW_CTR_FACTOR / 2) * median ? "high" : "medium",
      title: `Low click-through on ${channelLabel(c.channel)}`,
      explanation:
        `CTR ${pct(ctr)} on ${channelLabel(c.channel)} over ${int(c.impressions)} impressions, against the workspace median of ${pct(median)} ` +
        `(${(ctr / median).toFixed(2)}× the median; below ${LOW_CTR_FACTOR}× counts as low). ` +
        (recrop ? `It is not in the ${shape.preset} shape ${channelLabel(c.channel)} prefers: try that crop.` : "Consider retiring it for a stronger asset."),
      action: recrop ? { kind: "generate_variant", preset: shape.preset, label: `Generate ${shape.preset}` } : { kind: "archive", label: "Archive" },
    });
  }

  // Too large, with the saving measured from the WebP/AVIF conversions actually made.
  if (asset.kind === "image" && ["jpeg", "png", "webp", "gif"].includes(asset.format) && asset.bytes > IMAGE_BYTES_BUDGET) {
    const conversions = facts.variants.filter((v) => (v.preset === "webp" || v.preset === "avif") && v.preset !== asset.format);
    const use = asset.usageCount ? `It is used in ${asset.usageCount} place${asset.usageCount === 1 ? "" : "s"}. ` : "";
    if (!conversions.length) {
      out.push({
        ...base,
        id: `too_large:${asset.id}`,
        rule: "too_large",
        priority: "medium",
        title: "Large file",
        explanation:
          `${formatBytes(asset.bytes)} ${asset.format.toUpperCase()}, over the ${formatBytes(IMAGE_BYTES_BUDGET)} that feeds and email load quickly. ${use}` +
          "No WebP or AVIF version has been made yet: convert it and the saving will be measured on the real files.",
        action: { kind: "convert", preset: "avif", label: "Convert to WebP/AVIF" },
      });
    } else {
      const best = conversions.reduce((x, y) => (y.bytes < x.bytes ? y : x));
      const saving = asset.bytes - best.bytes;
      if (saving / asset.bytes >= MIN_CONVERSION_SAVING) {
        const other = conversions.find((v) => v !== best);
        out.push({
          ...base,
          id: `too_large:${asset.id}`,
          rule: "too_large",
          priority: saving >= IMAGE_BYTES_BUDGET ? "high" : "medium",
          title: `Deliver the ${best.preset.toUpperCase()} version`,
          explanation:
            `${formatBytes(asset.bytes)} ${asset.format.toUpperCase()}, over the ${formatBytes(IMAGE_BYTES_BUDGET)} budget. ${use}` +
            `The ${best.preset.toUpperCase()} conversion measures ${formatBytes(best.bytes)}: ${formatBytes(saving)} (${Math.round((saving / asset.bytes) * 100)} %) smaller` +
            (other ? `; ${other.preset.toUpperCase()} measures ${formatBytes(other.bytes)}.` : "."),
          action: { kind: "convert", preset: best.preset, label: `Use ${best.preset.toUpperCase()}` },
        });
      }
    }
  }

  // Wrong shape for a channel it has figures on.
  if (picture) {
    for (const c of facts.channels) {
      const shape = shapeFor(c.channel);
      if (!shape || shape.source !== "needs_generating" || !shape.canGenerate) continue;
      const wants = preferredAspects(c.channel as Network)!;
      out.push({
        ...base,
        id: `wrong_aspect:${asset.id}:${c.channel}`,
        rule: "wrong_aspect",
        priority: "high",
        title: `Wrong shape for ${channelLabel(c.channel)}`,
        explanation:
          `It is ${asset.width}×${asset.height} (${asset.width && asset.height ? (asset.width / asset.height).toFixed(2) : "?"}:1), ` +
          `and ${channelLabel(c.channel)} takes ${wants.join(" or ")}; it has ${int(c.impressions)} impressions there and no ${wants.join("/")} variant exists.`,
        action: { kind: "generate_variant", preset: shape.preset, label: `Generate ${shape.preset}` },
      });
    }
  }

  // Missing alt text.
  if (picture && !asset.altText?.trim()) {
    const live = asset.usageCount > 0 || asset.status === "PUBLISHED";
    out.push({
      ...base,
      id: `missing_alt_text:${asset.id}`,
      rule: "missing_alt_text",
      priority: live ? "high" : "medium",
      title: "No alt text",
      explanation: `Screen-reader users get nothing for this ${asset.kind === "svg" ? "illustration" : "image"}${live ? `, and it is ${asset.usageCount ? `used in ${asset.usageCount} place${asset.usageCount === 1 ? "" : "s"}` : "published"}` : ""}. Let the AI suggest a description, then check it.`,
      action: { kind: "edit_alt_text", label: "Suggest alt text" },
    });
  }

  // Near-duplicate clutter: suggested on every copy but the one to keep (most used, then most seen, then oldest).
  if (facts.nearDuplicates.length) {
    const cluster = [{ id: asset.id, usageCount: asset.usageCount, impressions: asset.impressions, createdAt: asset.createdAt }, ...facts.nearDuplicates.map((d) => d.asset)];
    const keeper = cluster.reduce((k, x) =>
      x.usageCount !== k.usageCount ? (x.usageCount > k.usageCount ? x : k) : x.impressions !== k.impressions ? (x.impressions > k.impressions ? x : k) : x.createdAt < k.createdAt ? x : k,
    );
    if (keeper.id !== asset.id) {
      const closest = facts.nearDuplicates[0]!;
      const kept = facts.nearDuplicates.find((d) => d.asset.id === keeper.id)!;
      out.push({
        ...base,
        id: `near_duplicates:${asset.id}`,
        rule: "near_duplicates",
        priority: "low",
        title: `${facts.nearDuplicates.length} near duplicate${facts.nearDuplicates.length === 1 ? "" : "s"}`,
        explanation:
          `"${closest.asset.name}" is ${Math.round(closest.similarity * 100)} % similar (${closest.distance} of 64 bits differ). ` +
          `Keep "${kept.asset.name}" (used ${kept.asset.usageCount}×, ${int(kept.asset.impressions)} impressions; this one: ${asset.usageCount}×, ${int(asset.impressions)}) and archive this copy.`,
        action: { kind: "archive", label: "Archive this copy" },
      });
    }
  }

  // Expiring soon.
  if (asset.expiresAt && asset.expiresAt.getTime() > now.getTime()) {
    const daysLeft = Math.ceil((asset.expiresAt.getTime() - now.getTime()) / 86_400_000);
    if (daysLeft <= EXPIRING_SOON_DAYS) {
      out.push({
        ...base,
        id: `expiring_soon:${asset.id}`,
        rule: "expiring_soon",
        priority: daysLeft <= 3 || asset.usageCount > 0 ? "high" : "medium",
        title: `Expires in ${daysLeft} day${daysLeft === 1 ? "" : "s"}`,
        explanation:
          `Its licence ends on ${day(asset.expiresAt)}, when it is archived automatically and cannot be attached to anything new` +
          `${asset.usageCount ? `; it is used in ${asset.usageCount} place${asset.usageCount === 1 ? "" : "s"}, so replace it there` : ""}. Move the expiry date if the licence was renewed.`,
        action: { kind: "archive", label: "Archive now" },
      });
    }
  }

  // Unused for N days: no usage, no figures, and older than the window.
  const since = day(new Date(now.getTime() - unusedDays * 86_400_000));
  if (asset.usageCount === 0 && day(asset.createdAt) <= since && (!facts.lastMetricsDay || facts.lastMetricsDay < since)) {
    const age = Math.floor((now.getTime() - asset.createdAt.getTime()) / 86_400_000);
    out.push({
      ...base,
      id: `unused:${asset.id}`,
      rule: "unused",
      priority: "low",
      title: `Unused for ${unusedDays}+ days`,
      explanation:
        `Uploaded ${age} days ago, attached to nothing, and ` +
        (facts.lastMetricsDay ? `no performance since ${facts.lastMetricsDay}` : "never reported any performance") +
        `. Archive it to keep the library focused (it stays restorable).`,
      action: { kind: "archive", label: "Archive" },
    });
  }
  return out;
}

/** Gathers one asset's facts; `allMedians` (every channel's median, computed once) saves a scan per asset in library listings. */
async function factsFor(ctx: Ctx, asset: MediaAsset, allMedians?: Map<string, number>): Promise<SuggestionFacts> {
  const channels = await ctx.db
    .select({
      channel: mediaMetricsDaily.channel,
      impressions: sql<number>`sum(${mediaMetricsDaily.impressions})::float8`,
      clicks: sql<number>`sum(${mediaMetricsDaily.clicks})::float8`,
      lastDay: sql<string>`max(${mediaMetricsDaily.day})::text`,
    })
    .from(mediaMetricsDaily)
    .where(and(eq(mediaMetricsDaily.workspaceId, ctx.workspaceId), eq(mediaMetricsDaily.assetId, asset.id)))
    .groupBy(mediaMetricsDaily.channel);
  const list = channels.map((c) => ({ channel: c.channel, impressions: Number(c.impressions), clicks: Number(c.clicks), lastDay: c.lastDay }));
  const qualifying = list.filter((c) => c.impressions >= MIN_IMPRESSIONS).map((c) => c.channel);
  const [medians, variants, nearDuplicates] = await Promise.all([
    allMedians ? Promise.resolve(allMedians) : qualifying.length ? channelMedians(ctx, {}, qualifying) : Promise.resolve(new Map<string, number>()),
    listVariants(ctx.db, ctx.workspaceId, asset.id),
    asset.dhash !== null ? findNearDuplicates(ctx, asset.id, { limit: 10 }) : Promise.resolve([]),
  ]);
  const lastMetricsDay = list.reduce<string | null>((m, c) => (m === null || c.lastDay > m ? c.lastDay : m), null);
  return { channels: list, medians, variants, nearDuplicates, lastMetricsDay };
}

function sortSuggestions(list: Suggestion[]): Suggestion[] {
  return list.sort((x, y) => PRIORITY_ORDER[x.priority] - PRIORITY_ORDER[y.priority] || x.id.localeCompare(y.id));
}

/** Suggestions for one asset, or across the workspace or a library (the most recently changed live assets), highest priority first. */
export async function listSuggestions(ctx: Ctx, raw: ListSuggestionsInput = {}): Promise<Suggestion[]> {
  authorize(ctx, "media.read");
  const input = listSuggestionsSchema.parse(raw);
  const now = new Date();
  if (input.assetId) {
    const asset = await getAsset(ctx, input.assetId);
    if (asset.status === "DELETED") throw assetNotFound();
    return sortSuggestions(evaluateSuggestions(asset, await factsFor(ctx, asset), now, input.unusedDays)).slice(0, input.limit);
  }
  if (input.libraryId) await getLibrary(ctx, input.libraryId);
  const conds = [eq(mediaAssets.workspaceId, ctx.workspaceId), notInArray(mediaAssets.status, ["ARCHIVED", "DELETED"])];
  if (input.libraryId) conds.push(eq(mediaAssets.libraryId, input.libraryId));
  const assets = await ctx.db
    .select()
    .from(mediaAssets)
    .where(and(...conds))
    .orderBy(desc(mediaAssets.updatedAt), desc(mediaAssets.id))
    .limit(LIBRARY_SCAN_LIMIT);
  const medians = assets.length ? await channelMedians(ctx) : new Map<string, number>();
  const all: Suggestion[] = [];
  for (const asset of assets) all.push(...evaluateSuggestions(asset, await factsFor(ctx, asset, medians), now, input.unusedDays));
  return sortSuggestions(all).slice(0, input.limit);
}

/**
 * Performs a suggestion's one-click action with the engine's own functions: variants are (re)generated through the
 * variants job, archiving goes through the lifecycle, alt text through the gateway. Conversions already made are reported.
 */
export async function applySuggestion(
  ctx: Ctx,
  raw: ApplySuggestionInput,
  options: Pick<IngestOptions, "variants" | "boss"> = {},
): Promise<ApplySuggestionResult> {
  authorize(ctx, "media.write");
  const { assetId, action } = applySuggestionSchema.parse(raw);
  const asset = await getAsset(ctx, assetId);
  if (asset.status === "DELETED") throw assetNotFound();
  switch (action.kind) {
    case "archive": {
      await transitionAsset(ctx, asset.id, { action: "archive", note: "Archived from an optimisation suggestion." });
      return { kind: action.kind, status: "done", message: `"${asset.name}" is archived. Reopen it from the archive if you need it again.` };
    }
    case "edit_alt_text": {
      const r = await suggestAltText(ctx, { assetId: asset.id });
      return {
        kind: action.kind,
        status: "done",
        message: r.stored ? `Alt text suggested: "${r.altText}". Check it in the details.` : `Kept the alt text a person wrote. Suggestion: "${r.altText}".`,
      };
    }
    case "generate_variant":
    case "convert": {
      if (asset.kind !== "image" && asset.kind !== "svg") {
        throw new ConflictError(`Variants are made for images and SVGs only; this is a ${asset.kind}.`, "VARIANTS_UNSUPPORTED");
      }
      if (action.preset) {
        const [have] = await listVariants(ctx.db, ctx.workspaceId, asset.id, [action.preset]);
        if (have) return { kind: action.kind, status: "exists", message: `The ${action.preset} version exists (${formatBytes(have.bytes)}): ${variantUrl(asset.id, action.preset)}` };
      }
      const mode = options.variants ?? "queue";
      await scheduleVariants(ctx, asset.id, { ...options, variants: mode === "skip" ? "queue" : mode });
      await recordAudit(ctx.db, ctx, { action: "media_asset.variants_requested", entityType: "media_asset", entityId: asset.id, after: { preset: action.preset ?? null, from: "suggestion" } });
      return mode === "inline"
        ? { kind: action.kind, status: "done", message: "The variants and WebP/AVIF conversions are made." }
        : { kind: action.kind, status: "queued", message: "Making the variants and WebP/AVIF conversions in the background; the saving will be measured on the real files." };
    }
  }
}
