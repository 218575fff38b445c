// Lifecycle housekeeping: archive expired assets, purge assets deleted more than 30 days ago (rows and stored objects),
// hard-delete on request, and drop abandoned resumable uploads. Never removes an asset that is still in use.
import "server-only";
import { rm } from "node:fs/promises";
import path from "node:path";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditLog, mediaApprovals, mediaAssets, mediaUploads, mediaUsages, mediaVariants, type MediaAsset } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { ConflictError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { getAsset } from "./assets";
import { LIFECYCLE_RULES, RESTORE_WINDOW_DAYS } from "./lifecycle";
import { mediaRoot, mediaStorage } from "./storage";

const SYSTEM = "system";

/** Archives every live asset whose expiry has passed; each gets an "expire" history row. Idempotent. */
export async function archiveExpiredAssets(db: DbOrTx, now = new Date(), batch = 1000): Promise<{ archived: number }> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: mediaAssets.id, workspaceId: mediaAssets.workspaceId, status: mediaAssets.status })
      .from(mediaAssets)
      .where(and(lt(mediaAssets.expiresAt, now), inArray(mediaAssets.status, [...LIFECYCLE_RULES.archive.from])))
      .limit(batch)
      .for("update", { skipLocked: true });
    if (!due.length) return { archived: 0 };
    await tx
      .update(mediaAssets)
      .set({ status: "ARCHIVED", updatedAt: now })
      .where(inArray(mediaAssets.id, due.map((r) => r.id)));
    await tx.insert(mediaApprovals).values(
      due.map((r) => ({ workspaceId: r.workspaceId, assetId: r.id, action: "expire", fromStatus: r.status, toStatus: "ARCHIVED" as const, actorLabel: SYSTEM, note: "Expiry date reached." })),
    );
    await tx.insert(auditLog).values(
      due.map((r) => ({ workspaceId: r.workspaceId, actorLabel: SYSTEM, action: "media_asset.expire", entityType: "media_asset", entityId: r.id, before: { status: r.status }, after: { status: "ARCHIVED" } })),
    );
    return { archived: due.length };
  });
}

async function variantKeys(db: DbOrTx, asset: Pick<MediaAsset, "id" | "workspaceId">): Promise<string[]> {
  const rows = await db
    .select({ key: mediaVariants.storageKey })
    .from(mediaVariants)
    .where(and(eq(mediaVariants.workspaceId, asset.workspaceId), eq(mediaVariants.assetId, asset.id)));
  return rows.map((r) => r.key);
}

/** Deletes the row (history and variants cascade) unless it is in use; answers the stored keys to remove, or null. */
async function deleteAssetRow(db: DbOrTx, asset: MediaAsset): Promise<string[] | null> {
  const keys = await variantKeys(db, asset);
  const deleted = await db
    .delete(mediaAssets)
    .where(
      and(
        eq(mediaAssets.workspaceId, asset.workspaceId),
        eq(mediaAssets.id, asset.id),
        sql`not exists (select 1 from ${mediaUsages} u where u.workspace_id = ${asset.workspaceId} and u.asset_id = ${asset.id})`,
      ),
    )
    .returning({ id: mediaAssets.id });
  return deleted.length ? [...keys, asset.originalKey] : null;
}

/** Runs after the row's deletion committed: a crash in between leaves an orphan object, never a row pointing at nothing. */
async function deleteObjects(keys: string[]): Promise<void> {
  const storage = mediaStorage();
  for (const key of keys) {
    await storage.delete(key).catch((e: unknown) => logger().warn({ err: e, key }, "media: could not delete a stored object"));
  }
}

/** Permanently deletes an asset now. One in use is refused: archive it instead. */
export async function purgeAsset(ctx: Ctx, assetId: string): Promise<{ id: string }> {
  authorize(ctx, "media.delete");
  const asset = await getAsset(ctx, assetId);
  if (asset.usageCount > 0) {
    throw new ConflictError(
      `This asset is used in ${asset.usageCount} place${asset.usageCount === 1 ? "" : "s"} and cannot be deleted permanently. Archive it instead; it stays attached where it is used.`,
      "ASSET_IN_USE",
    );
  }
  const keys = await ctx.db.transaction(async (tx) => {
    const removed = await deleteAssetRow(tx, asset);
    if (!removed) throw new ConflictError("This asset was attached somewhere meanwhile. Archive it instead.", "ASSET_IN_USE");
    await recordAudit(tx, ctx, { action: "media_asset.purge", entityType: "media_asset", entityId: assetId, before: { name: asset.name, sha256: asset.sha256, status: asset.status } });
    return removed;
  });
  await deleteObjects(keys);
  return { id: assetId };
}

/** Purges assets that have been in the bin longer than the restore window. Idempotent; skips any still in use. */
export async function purgeDeletedAssets(db: DbOrTx, now = new Date(), batch = 200): Promise<{ purged: number; skippedInUse: number }> {
  const cutoff = new Date(now.getTime() - RESTORE_WINDOW_DAYS * 86_400_000);
  const due = await db
    .select()
    .from(mediaAssets)
    .where(and(eq(mediaAssets.status, "DELETED"), lt(mediaAssets.deletedAt, cutoff)))
    .limit(batch);
  let purged = 0;
  let skippedInUse = 0;
  for (const asset of due) {
    const keys = await db.transaction(async (tx) => {
      const removed = await deleteAssetRow(tx, asset);
      if (removed) {
        await tx.insert(auditLog).values({ workspaceId: asset.workspaceId, actorLabel: SYSTEM, action: "media_asset.purge", entityType: "media_asset", entityId: asset.id, before: { name: asset.name, sha256: asset.sha256 } });
      }
      return removed;
    });
    if (keys) {
      purged++;
      await deleteObjects(keys);
    } else {
      skippedInUse++;
    }
  }
  return { purged, skippedInUse };
}

/** Where resumable uploads keep their partial files (always local disk, whatever the storage backend). */
export function uploadTempPath(tempKey: string): string {
  if (!/^uploads\/[A-Za-z0-9_-]+\/[0-9a-f-]{36}\.part$/.test(tempKey)) throw new Error("Unsafe upload temp key.");
  return path.join(mediaRoot(), "tmp", ...tempKey.split("/"));
}

/** Marks abandoned resumable uploads and deletes their partial files. Idempotent. */
export async function abandonStaleUploads(db: DbOrTx, now = new Date()): Promise<{ abandoned: number }> {
  const rows = await db
    .update(mediaUploads)
    .set({ status: "cancelled", errorCode: "UPLOAD_EXPIRED", errorMessage: "The upload was not finished in time.", updatedAt: now })
    // "finishing" past the expiry means the process finishing it died.
    .where(and(lt(mediaUploads.expiresAt, now), inArray(mediaUploads.status, ["open", "finishing", "failed"])))
    .returning({ tempKey: mediaUploads.tempKey });
  for (const r of rows) await rm(uploadTempPath(r.tempKey), { force: true });
  return { abandoned: rows.length };
}
