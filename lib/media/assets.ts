// Assets as records: detail, keyset lists with filters, search and sorts, and metadata edits (name, tags, category,
// alt text, focal point, expiry, library). Scoped to ctx.workspaceId; another workspace's asset is "not found".
import "server-only";
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { mediaAssets, mediaLibraries, type MediaAsset } from "@/db/schema";
import { diffSummary, recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { ValidationError } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/pagination";
import { assetNotFound } from "./errors";
import { scheduleVariants, type IngestOptions } from "./ingest";
import { ASPECT_RATIOS, ASPECT_TOLERANCE } from "./performance-math";
import { listAssetsSchema, updateAssetSchema, type ListAssetsInput, type UpdateAssetInput } from "./schemas";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(id: string): boolean {
  return UUID.test(id);
}

// Every key is NOT NULL. The nulls placement still has to be spelled out: the indexes (drizzle's `.desc()`) are
// `DESC NULLS LAST`, a bare `DESC` means NULLS FIRST, and with that mismatch Postgres sorts every asset of the workspace
// for each page. `oldest` walks the newest-first index backwards, which gives ASC NULLS FIRST.
const SORTS = {
  newest: { expr: sql`${mediaAssets.createdAt}`, cast: "timestamptz", dir: "desc", nulls: "last" },
  oldest: { expr: sql`${mediaAssets.createdAt}`, cast: "timestamptz", dir: "asc", nulls: "first" },
  most_used: { expr: sql`${mediaAssets.usageCount}`, cast: "integer", dir: "desc", nulls: "last" },
  largest: { expr: sql`${mediaAssets.bytes}`, cast: "bigint", dir: "desc", nulls: "last" },
  // All-time CTR kept by ingestMetrics (index media_assets_workspace_ctr_idx); float8 text round-trips exactly.
  best_ctr: { expr: sql`${mediaAssets.ctr}`, cast: "float8", dir: "desc", nulls: "last" },
} as const;

/** A text[] parameter (drizzle expands JS arrays into value lists, so pass it as JSON). */
function textArray(values: string[]): SQL {
  return sql`coalesce((select array_agg(x) from jsonb_array_elements_text(${JSON.stringify(values)}::jsonb) x), '{}'::text[])`;
}

function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** The asset, whatever its status (deleted ones included, for restore); not found in another workspace. */
export async function getAsset(ctx: Ctx, id: string): Promise<MediaAsset> {
  authorize(ctx, "media.read");
  if (!UUID.test(id)) throw assetNotFound();
  const [row] = await ctx.db
    .select()
    .from(mediaAssets)
    .where(and(eq(mediaAssets.workspaceId, ctx.workspaceId), eq(mediaAssets.id, id)))
    .limit(1);
  if (!row) throw assetNotFound();
  return row;
}

function viewConditions(ctx: Ctx, input: z.output<typeof listAssetsSchema>): SQL[] {
  const conds: SQL[] = [eq(mediaAssets.workspaceId, ctx.workspaceId)];
  if (input.status?.length) conds.push(inArray(mediaAssets.status, input.status));
  else conds.push(ne(mediaAssets.status, "DELETED"));
  if (input.kind) conds.push(eq(mediaAssets.kind, input.kind));
  if (input.tags?.length) conds.push(sql`${mediaAssets.tags} @> ${textArray(input.tags)}`);
  if (input.category) conds.push(sql`lower(${mediaAssets.category}) = ${input.category.toLowerCase()}`);
  if (input.libraryId) conds.push(eq(mediaAssets.libraryId, input.libraryId));
  if (input.uploadedBy) conds.push(eq(mediaAssets.uploadedByUserId, input.uploadedBy));
  if (input.createdFrom) conds.push(gte(mediaAssets.createdAt, new Date(input.createdFrom)));
  if (input.createdTo) {
    // A bare date includes the whole day.
    const to = /^\d{4}-\d{2}-\d{2}$/.test(input.createdTo) ? new Date(new Date(input.createdTo).getTime() + 86_400_000) : new Date(input.createdTo);
    conds.push(/^\d{4}-\d{2}-\d{2}$/.test(input.createdTo) ? lt(mediaAssets.createdAt, to) : lte(mediaAssets.createdAt, to));
  }
  if (input.orientation) {
    const w = sql`${mediaAssets.width}::float8`;
    const h = sql`${mediaAssets.height}::float8`;
    const square = sql`abs(${w} - ${h}) <= 0.02 * greatest(${w}, ${h})`;
    conds.push(sql`${mediaAssets.width} is not null and ${mediaAssets.height} is not null`);
    if (input.orientation === "square") conds.push(square);
    else conds.push(sql`not (${square}) and ${input.orientation === "landscape" ? sql`${w} > ${h}` : sql`${w} < ${h}`}`);
  }
  if (input.aspect) {
    const target = ASPECT_RATIOS[input.aspect];
    conds.push(sql`${mediaAssets.aspectRatio} between ${target * (1 - ASPECT_TOLERANCE)} and ${target * (1 + ASPECT_TOLERANCE)}`);
  }
  if (input.q) {
    const q = input.q.toLowerCase();
    const like = `%${escapeLike(q)}%`;
    conds.push(
      or(
        sql`lower(${mediaAssets.name}) like ${like}`,
        sql`lower(coalesce(${mediaAssets.altText}, '')) like ${like}`,
        sql`exists (select 1 from unnest(${mediaAssets.tags}) t where t like ${like})`,
      )!,
    );
  }
  return conds;
}

export interface AssetPage {
  items: MediaAsset[];
  nextCursor: string | null;
}

export async function listAssets(ctx: Ctx, raw: ListAssetsInput = {}): Promise<AssetPage> {
  authorize(ctx, "media.read");
  const input = listAssetsSchema.parse(raw);
  const sort = SORTS[input.sort];
  const conds = viewConditions(ctx, input);
  const cur = decodeCursor(input.cursor);
  if (cur && UUID.test(cur.id)) {
    const v = sql`cast(${String(cur.v)} as ${sql.raw(sort.cast)})`;
    const beyond = sort.dir === "desc" ? sql`${sort.expr} < ${v}` : sql`${sort.expr} > ${v}`;
    // The leading bound is implied by the OR but lets the index scan start at the cursor.
    const bound = sort.dir === "desc" ? sql`${sort.expr} <= ${v}` : sql`${sort.expr} >= ${v}`;
    conds.push(bound, or(beyond, and(sql`${sort.expr} = ${v}`, sort.dir === "desc" ? lt(mediaAssets.id, cur.id) : gt(mediaAssets.id, cur.id)))!);
  }
  const direction = sql.raw(`${sort.dir} nulls ${sort.nulls}`);
  const order = [sql`${sort.expr} ${direction}`, sort.dir === "desc" ? desc(mediaAssets.id) : asc(mediaAssets.id)];
  const rows = await ctx.db
    .select({ a: mediaAssets, key: sql<string>`(${sort.expr})::text` })
    .from(mediaAssets)
    .where(and(...conds))
    .orderBy(...order)
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => r.a),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.key, last.a.id) : null,
  };
}

function auditSummary(a: Partial<MediaAsset>) {
  const { name, tags, category, altText, focalX, focalY, expiresAt, libraryId } = a;
  return { name, tags, category, altText, focalX, focalY, expiresAt, libraryId };
}

/** Edits metadata. A new focal point re-crops the platform variants (queued by default). */
export async function updateAsset(
  ctx: Ctx,
  id: string,
  raw: UpdateAssetInput,
  options: Pick<IngestOptions, "variants" | "boss"> = {},
): Promise<{ asset: MediaAsset; focalPointChanged: boolean }> {
  authorize(ctx, "media.write");
  const input = updateAssetSchema.parse(raw);
  const before = await getAsset(ctx, id);
  if (before.status === "DELETED") throw assetNotFound();
  if (input.libraryId && input.libraryId !== before.libraryId) {
    const [lib] = await ctx.db
      .select({ id: mediaLibraries.id })
      .from(mediaLibraries)
      .where(and(eq(mediaLibraries.workspaceId, ctx.workspaceId), eq(mediaLibraries.id, input.libraryId)))
      .limit(1);
    if (!lib) throw new ValidationError({ libraryId: ["No such library in this workspace."] });
  }
  const patch: Partial<MediaAsset> = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.tags !== undefined) patch.tags = input.tags;
  if (input.category !== undefined) patch.category = input.category;
  if (input.altText !== undefined) {
    patch.altText = input.altText;
    // A person has now written (or approved) the text.
    patch.altTextSuggested = false;
  }
  if (input.focalPoint) {
    patch.focalX = input.focalPoint.x;
    patch.focalY = input.focalPoint.y;
  }
  if (input.expiresAt !== undefined) patch.expiresAt = input.expiresAt === null ? null : new Date(input.expiresAt);
  if (input.libraryId !== undefined) patch.libraryId = input.libraryId;
  const focalPointChanged = input.focalPoint !== undefined && (input.focalPoint.x !== before.focalX || input.focalPoint.y !== before.focalY);
  const asset = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(mediaAssets)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(mediaAssets.workspaceId, ctx.workspaceId), eq(mediaAssets.id, id)))
      .returning();
    const d = diffSummary(auditSummary(before), auditSummary(patch));
    if (Object.keys(d.after).length) await recordAudit(tx, ctx, { action: "media_asset.update", entityType: "media_asset", entityId: id, ...d });
    return row!;
  });
  if (focalPointChanged && (asset.kind === "image" || asset.kind === "svg")) await scheduleVariants(ctx, id, options);
  return { asset, focalPointChanged };
}
