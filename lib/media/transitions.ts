// Lifecycle moves of assets, single and bulk, through the one state machine (lifecycle.ts), each with an approval-
// history row and an audit entry in the same transaction. Never update media_assets.status anywhere else.
import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { mediaApprovals, mediaAssets, type MediaApproval, type MediaAsset, type MediaStatus } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { getAsset } from "./assets";
import { assetNotFound } from "./errors";
import { decideTransition, LIFECYCLE_RULES, type MediaAction, type TransitionRefusal } from "./lifecycle";
import { bulkTransitionSchema, transitionAssetSchema, type BulkTransitionInput, type TransitionAssetInput } from "./schemas";

function refusalError(r: TransitionRefusal): Error {
  switch (r.code) {
    case "FORBIDDEN":
      return new ForbiddenError(r.permission);
    case "NOTE_REQUIRED":
      return new ValidationError({ note: [r.message] }, r.message);
    default:
      return new ConflictError(r.message, r.code);
  }
}

function inUseError(count: number): ConflictError {
  return new ConflictError(
    `This asset is used in ${count} place${count === 1 ? "" : "s"} (see "where used"), so it cannot be deleted. Archive it instead, or detach it first.`,
    "ASSET_IN_USE",
  );
}

/** Moves one asset through the lifecycle. A rejection needs a note; only media.approve roles approve or reject. */
export async function transitionAsset(ctx: Ctx, assetId: string, raw: TransitionAssetInput): Promise<MediaAsset> {
  authorize(ctx, "media.read");
  const input = transitionAssetSchema.parse(raw);
  const asset = await getAsset(ctx, assetId);
  const now = new Date();
  const decision = decideTransition({
    from: asset.status,
    action: input.action,
    can: (p) => can(ctx.role, p),
    note: input.note,
    statusBeforeDelete: asset.statusBeforeDelete,
    deletedAt: asset.deletedAt,
    expiresAt: asset.expiresAt,
    now,
  });
  if (!decision.ok) throw refusalError(decision.refusal);
  if (input.action === "delete" && asset.usageCount > 0) throw inUseError(asset.usageCount);
  const to = decision.to;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(mediaAssets)
      .set({
        status: to,
        updatedAt: now,
        ...(input.action === "delete" ? { deletedAt: now, statusBeforeDelete: asset.status } : {}),
        ...(input.action === "restore" ? { deletedAt: null, statusBeforeDelete: null } : {}),
      })
      // Guarded by the status read above: a concurrent move makes this one a conflict, not a silent overwrite.
      .where(
        and(
          eq(mediaAssets.workspaceId, ctx.workspaceId),
          eq(mediaAssets.id, assetId),
          eq(mediaAssets.status, asset.status),
          // An attach that lands meanwhile must stop a delete.
          ...(input.action === "delete" ? [eq(mediaAssets.usageCount, 0)] : []),
        ),
      )
      .returning();
    if (!row) throw new ConflictError("The asset changed while you were deciding. Reload it and try again.", "ASSET_CHANGED");
    await tx.insert(mediaApprovals).values({
      workspaceId: ctx.workspaceId,
      assetId,
      action: input.action,
      fromStatus: asset.status,
      toStatus: to,
      actorUserId: ctx.apiKeyId ? null : ctx.userId,
      actorLabel: ctx.actorLabel,
      note: input.note || null,
    });
    await recordAudit(tx, ctx, {
      action: `media_asset.${input.action}`,
      entityType: "media_asset",
      entityId: assetId,
      before: { status: asset.status },
      after: { status: to, ...(input.note ? { note: input.note } : {}) },
    });
    return row;
  });
}

export interface BulkTransitionResult {
  action: MediaAction;
  done: string[];
  skipped: { id: string; code: string; reason: string }[];
}

/** Approve, reject, submit or archive many assets at once; ones that cannot move are listed with the reason, not failed. */
export async function bulkTransition(ctx: Ctx, raw: BulkTransitionInput): Promise<BulkTransitionResult> {
  const input = bulkTransitionSchema.parse(raw);
  authorize(ctx, LIFECYCLE_RULES[input.action].permission);
  if (LIFECYCLE_RULES[input.action].noteRequired && !input.note?.trim()) {
    const message = `A note is required to ${input.action}: tell the authors what to change.`;
    throw new ValidationError({ note: [message] }, message);
  }
  const ids = [...new Set(input.ids)];
  const now = new Date();
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: mediaAssets.id, status: mediaAssets.status, expiresAt: mediaAssets.expiresAt })
      .from(mediaAssets)
      .where(and(eq(mediaAssets.workspaceId, ctx.workspaceId), inArray(mediaAssets.id, ids)))
      .for("update");
    const found = new Map(rows.map((r) => [r.id, r]));
    const skipped: BulkTransitionResult["skipped"] = [];
    const moves = new Map<string, { from: MediaStatus; to: MediaStatus; ids: string[] }>();
    for (const id of ids) {
      const r = found.get(id);
      if (!r || r.status === "DELETED") {
        skipped.push({ id, code: "ASSET_NOT_FOUND", reason: assetNotFound().message });
        continue;
      }
      const d = decideTransition({ from: r.status, action: input.action, can: (p) => can(ctx.role, p), note: input.note, expiresAt: r.expiresAt, now });
      if (!d.ok) {
        skipped.push({ id, code: d.refusal.code, reason: "message" in d.refusal ? d.refusal.message : "Not allowed." });
        continue;
      }
      const key = `${r.status}>${d.to}`;
      const group = moves.get(key) ?? { from: r.status, to: d.to, ids: [] };
      group.ids.push(id);
      moves.set(key, group);
    }
    const done: string[] = [];
    for (const g of moves.values()) {
      await tx
        .update(mediaAssets)
        .set({ status: g.to, updatedAt: now })
        .where(and(eq(mediaAssets.workspaceId, ctx.workspaceId), inArray(mediaAssets.id, g.ids), eq(mediaAssets.status, g.from)));
      done.push(...g.ids);
    }
    if (done.length) {
      const from = new Map([...moves.values()].flatMap((g) => g.ids.map((id) => [id, g] as const)));
      await tx.insert(mediaApprovals).values(
        done.map((id) => ({
          workspaceId: ctx.workspaceId,
          assetId: id,
          action: input.action,
          fromStatus: from.get(id)!.from,
          toStatus: from.get(id)!.to,
          actorUserId: ctx.apiKeyId ? null : ctx.userId,
          actorLabel: ctx.actorLabel,
          note: input.note || null,
        })),
      );
      await recordAudit(tx, ctx, {
        action: `media_asset.bulk_${input.action}`,
        entityType: "media_asset",
        entityId: `${done.length} assets`,
        after: { ids: done.slice(0, 100), ...(input.note ? { note: input.note } : {}) },
      });
    }
    return { action: input.action, done, skipped };
  });
}

/** The asset's approval timeline, oldest first. */
export async function listApprovals(ctx: Ctx, assetId: string): Promise<MediaApproval[]> {
  await getAsset(ctx, assetId);
  return ctx.db
    .select()
    .from(mediaApprovals)
    .where(and(eq(mediaApprovals.workspaceId, ctx.workspaceId), eq(mediaApprovals.assetId, assetId)))
    .orderBy(asc(mediaApprovals.createdAt), asc(mediaApprovals.id))
    .limit(1000);
}
