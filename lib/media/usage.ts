// Where assets are used: the ONE function every engine (publishing, ads, email, campaigns) calls to attach an asset,
// plus detach, "where used" and the most-used ranking. Never insert into media_usages from anywhere else.
import "server-only";
import { and, desc, eq, gt, sql } from "drizzle-orm";
import { campaigns, mediaAssets, mediaUsages, type MediaAsset, type MediaUsage } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { ConflictError, ValidationError } from "@/lib/errors";
import { getAsset, isUuid } from "./assets";
import { assetNotFound } from "./errors";
import { attachAssetSchema, detachAssetQuerySchema, mostUsedQuerySchema, type AttachAssetInput } from "./schemas";

export interface UsageRow extends MediaUsage {
  campaignName: string | null;
}

async function campaignExists(ctx: Ctx, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const [c] = await ctx.db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, ctx.workspaceId), eq(campaigns.id, id)))
    .limit(1);
  return Boolean(c);
}

/** Why an asset cannot be attached to anything new, or null when it can. */
export function attachRefusal(asset: Pick<MediaAsset, "status" | "expiresAt">, now = new Date()): ConflictError | null {
  if (asset.status === "DELETED") return new ConflictError("This asset is in the bin. Restore it before attaching it.", "ASSET_DELETED");
  if (asset.status === "ARCHIVED") return new ConflictError("This asset is archived. Reopen it before attaching it to anything new.", "ASSET_ARCHIVED");
  if (asset.expiresAt && asset.expiresAt.getTime() <= now.getTime()) {
    return new ConflictError(
      `This asset expired on ${asset.expiresAt.toISOString().slice(0, 10)} and cannot be attached to anything new. Move its expiry date if its licence was renewed.`,
      "ASSET_EXPIRED",
    );
  }
  return null;
}

/**
 * Records that `entityType`/`entityId` uses the asset. Idempotent per (asset, entity): attaching twice returns the
 * first record. Refuses deleted, archived and expired assets. A campaign entity must be a campaign of this workspace.
 */
export async function attachAsset(ctx: Ctx, raw: AttachAssetInput): Promise<{ usage: MediaUsage; created: boolean }> {
  authorize(ctx, "media.write");
  const { assetId, ...rest } = raw;
  const input = attachAssetSchema.parse(rest);
  if (!isUuid(assetId)) throw assetNotFound();
  let campaignId = input.campaignId ?? null;
  if (input.entityType === "campaign") {
    if (!(await campaignExists(ctx, input.entityId))) throw new ValidationError({ entityId: ["No such campaign in this workspace."] });
    if (campaignId && campaignId !== input.entityId) throw new ValidationError({ campaignId: ["A campaign usage belongs to that campaign."] });
    campaignId = input.entityId;
  } else if (campaignId && !(await campaignExists(ctx, campaignId))) {
    throw new ValidationError({ campaignId: ["No such campaign in this workspace."] });
  }
  return ctx.db.transaction(async (tx) => {
    // Locks the asset row so a concurrent delete or expiry cannot slip between the check and the insert.
    const [asset] = await tx
      .select()
      .from(mediaAssets)
      .where(and(eq(mediaAssets.workspaceId, ctx.workspaceId), eq(mediaAssets.id, assetId)))
      .for("update");
    if (!asset) throw assetNotFound();
    const [existing] = await tx
      .select()
      .from(mediaUsages)
      .where(and(eq(mediaUsages.workspaceId, ctx.workspaceId), eq(mediaUsages.assetId, assetId), eq(mediaUsages.entityType, input.entityType), eq(mediaUsages.entityId, input.entityId)))
      .limit(1);
    if (existing) return { usage: existing, created: false };
    const refusal = attachRefusal(asset);
    if (refusal) throw refusal;
    const [usage] = await tx
      .insert(mediaUsages)
      .values({
        workspaceId: ctx.workspaceId,
        assetId,
        entityType: input.entityType,
        entityId: input.entityId,
        campaignId,
        attachedByUserId: ctx.apiKeyId ? null : ctx.userId,
        attachedByLabel: ctx.actorLabel,
      })
      .returning();
    await tx
      .update(mediaAssets)
      .set({ usageCount: sql`${mediaAssets.usageCount} + 1` })
      .where(and(eq(mediaAssets.workspaceId, ctx.workspaceId), eq(mediaAssets.id, assetId)));
    await recordAudit(tx, ctx, {
      action: "media_asset.attach",
      entityType: "media_asset",
      entityId: assetId,
      after: { entityType: input.entityType, entityId: input.entityId, campaignId },
    });
    return { usage: usage!, created: true };
  });
}

/** Removes one usage; detaching what is not attached is a no-op (`detached: false`). */
export async function detachAsset(ctx: Ctx, raw: { assetId: string; entityType: string; entityId: string }): Promise<{ detached: boolean }> {
  authorize(ctx, "media.write");
  const input = detachAssetQuerySchema.parse({ entityType: raw.entityType, entityId: raw.entityId });
  await getAsset(ctx, raw.assetId);
  return ctx.db.transaction(async (tx) => {
    const removed = await tx
      .delete(mediaUsages)
      .where(
        and(
          eq(mediaUsages.workspaceId, ctx.workspaceId),
          eq(mediaUsages.assetId, raw.assetId),
          eq(mediaUsages.entityType, input.entityType),
          eq(mediaUsages.entityId, input.entityId),
        ),
      )
      .returning({ id: mediaUsages.id });
    if (!removed.length) return { detached: false };
    await tx
      .update(mediaAssets)
      .set({ usageCount: sql`greatest(${mediaAssets.usageCount} - ${removed.length}, 0)` })
      .where(and(eq(mediaAssets.workspaceId, ctx.workspaceId), eq(mediaAssets.id, raw.assetId)));
    await recordAudit(tx, ctx, { action: "media_asset.detach", entityType: "media_asset", entityId: raw.assetId, before: { entityType: input.entityType, entityId: input.entityId } });
    return { detached: true };
  });
}

/** Every place the asset is used, newest first. */
export async function whereUsed(ctx: Ctx, assetId: string): Promise<UsageRow[]> {
  await getAsset(ctx, assetId);
  const rows = await ctx.db
    .select({ u: mediaUsages, campaignName: campaigns.name })
    .from(mediaUsages)
    .leftJoin(campaigns, and(eq(campaigns.id, mediaUsages.campaignId), eq(campaigns.workspaceId, mediaUsages.workspaceId)))
    .where(and(eq(mediaUsages.workspaceId, ctx.workspaceId), eq(mediaUsages.assetId, assetId)))
    .orderBy(desc(mediaUsages.createdAt), desc(mediaUsages.id))
    .limit(1000);
  return rows.map((r) => ({ ...r.u, campaignName: r.campaignName }));
}

/** The most used live assets of the workspace (or one library), by number of places they are used. */
export async function mostUsed(ctx: Ctx, raw: { limit?: number; libraryId?: string } = {}): Promise<MediaAsset[]> {
  authorize(ctx, "media.read");
  const input = mostUsedQuerySchema.parse(raw);
  const conds = [eq(mediaAssets.workspaceId, ctx.workspaceId), gt(mediaAssets.usageCount, 0), sql`${mediaAssets.status} <> 'DELETED'`];
  if (input.libraryId) conds.push(eq(mediaAssets.libraryId, input.libraryId));
  return ctx.db
    .select()
    .from(mediaAssets)
    .where(and(...conds))
    .orderBy(desc(mediaAssets.usageCount), desc(mediaAssets.id))
    .limit(input.limit);
}

export function usageToJson(u: UsageRow) {
  return {
    id: u.id,
    assetId: u.assetId,
    entityType: u.entityType,
    entityId: u.entityId,
    campaignId: u.campaignId,
    campaignName: u.campaignName,
    attachedBy: u.attachedByLabel,
    at: u.createdAt.toISOString(),
  };
}
