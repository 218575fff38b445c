// Near-duplicate search: band indexes narrow the candidates (multi-index hashing), then Postgres computes the exact Hamming
// distance (bit_count of the XOR) against a tunable threshold. Exact duplicates are the SHA-256's business; never mix them.
import "server-only";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { mediaAssets, type MediaAsset } from "@/db/schema";
import { authorize, type Ctx } from "@/lib/auth/context";
import { assetNotFound } from "./errors";
import { bandNeighbours, bandRadius, DEFAULT_NEAR_DUPLICATE_DISTANCE, HASH_BITS, hashBands, similarity } from "./phash";

export interface NearDuplicate {
  asset: MediaAsset;
  /** Differing bits out of 64. */
  distance: number;
  /** 1 − distance/64. */
  similarity: number;
}

export interface NearDuplicateOptions {
  /** Largest Hamming distance that still counts (0–32); default 10. */
  maxDistance?: number;
  limit?: number;
  excludeId?: string;
  /** Include archived and deleted assets (default: live ones only). */
  includeArchived?: boolean;
}

/** Assets of this workspace whose picture hashes within `maxDistance` bits of `hash`, closest first. */
export async function findNearDuplicatesOfHash(ctx: Ctx, hash: bigint, options: NearDuplicateOptions = {}): Promise<NearDuplicate[]> {
  authorize(ctx, "media.read");
  const maxDistance = Math.min(Math.max(Math.trunc(options.maxDistance ?? DEFAULT_NEAR_DUPLICATE_DISTANCE), 0), HASH_BITS / 2);
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
  const probe = hash.toString();
  // int8 → bit(64) keeps all 64 bits; bit_count needs Postgres 14+.
  const distanceOf = (col: SQL) => sql`bit_count((${col} # ${probe}::bigint)::bit(64))::int`;
  const radius = bandRadius(maxDistance);
  let candidates: SQL;
  if (radius !== null) {
    // Every match shares at least one band within `radius` bits. Each branch is an index-only scan of one band index
    // (the expressions match the index definitions exactly), so candidates are measured without touching the table.
    const bands = hashBands(hash);
    const exprs = [sql.raw("((dhash >> 48) & 65535)"), sql.raw("((dhash >> 32) & 65535)"), sql.raw("((dhash >> 16) & 65535)"), sql.raw("(dhash & 65535)")];
    candidates = sql.join(
      exprs.map(
        (e, i) =>
          sql`select id, dhash from media_assets where workspace_id = ${ctx.workspaceId} and ${e} = any(${`{${bandNeighbours(bands[i]!, radius).join(",")}}`}::bigint[])`,
      ),
      sql` union `,
    );
  } else {
    candidates = sql`select id, dhash from media_assets where workspace_id = ${ctx.workspaceId} and dhash is not null`;
  }
  // The status check joins only the few rows already within the distance.
  const matches = await ctx.db.execute<{ id: string; distance: number }>(sql`
    select c.id, ${distanceOf(sql.raw("c.dhash"))} as distance
    from (${candidates}) c
    join media_assets a on a.id = c.id
    where ${distanceOf(sql.raw("c.dhash"))} <= ${maxDistance}
      ${options.excludeId ? sql`and c.id <> ${options.excludeId}` : sql``}
      ${options.includeArchived ? sql`` : sql`and a.status not in ('ARCHIVED', 'DELETED')`}
    order by 2, 1
    limit ${limit}`);
  if (!matches.rows.length) return [];
  const distances = new Map(matches.rows.map((r) => [r.id, Number(r.distance)]));
  const rows = await ctx.db
    .select()
    .from(mediaAssets)
    .where(and(eq(mediaAssets.workspaceId, ctx.workspaceId), inArray(mediaAssets.id, [...distances.keys()])));
  return rows
    .map((asset) => ({ asset, distance: distances.get(asset.id)!, similarity: similarity(distances.get(asset.id)!) }))
    .sort((a, b) => a.distance - b.distance || (a.asset.id < b.asset.id ? -1 : 1));
}

/** Near duplicates of one asset (none for a PDF, or a video without a poster). */
export async function findNearDuplicates(ctx: Ctx, assetId: string, options: Omit<NearDuplicateOptions, "excludeId"> = {}): Promise<NearDuplicate[]> {
  authorize(ctx, "media.read");
  if (!/^[0-9a-f-]{36}$/i.test(assetId)) throw assetNotFound();
  const [asset] = await ctx.db
    .select({ dhash: mediaAssets.dhash })
    .from(mediaAssets)
    .where(and(eq(mediaAssets.workspaceId, ctx.workspaceId), eq(mediaAssets.id, assetId)))
    .limit(1);
  if (!asset) throw assetNotFound();
  if (asset.dhash === null) return [];
  return findNearDuplicatesOfHash(ctx, asset.dhash, { ...options, excludeId: assetId });
}
