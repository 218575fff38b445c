"use server";
// Server actions for the media library UI: grid pages, the asset drawer's detail, edits, lifecycle moves (single and bulk),
// bulk tags/delete/restore, near duplicates, variants, libraries and campaign attachments. Uploads go to the REST endpoints.
// Never decide permissions here: runAction validates and the engine authorises (the one extra check names its permission).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authorize } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { findCampaignsByName } from "@/lib/campaigns";
import { runAction, type ActionResult } from "@/lib/http/action";
import {
  approvalToJson,
  assetToJson,
  attachAsset,
  availableActions,
  bulkTransition,
  bulkTransitionSchema,
  createLibrary,
  createLibrarySchema,
  deleteLibrary,
  updateLibrary,
  updateLibrarySchema,
  detachAsset,
  findNearDuplicates,
  generateVariants,
  getAsset,
  listApprovals,
  listAssets,
  listAssetsSchema,
  listVariants,
  nearDuplicateToJson,
  transitionAsset,
  transitionAssetSchema,
  updateAsset,
  updateAssetSchema,
  usageToJson,
  whereUsed,
  type AssetJson,
  type BulkTransitionResult,
  type MediaAction,
} from "@/lib/media";

const assetId = z.string().uuid("Not an asset id.");
const idSchema = z.object({ id: assetId });
const idsSchema = z.object({ ids: z.array(assetId).min(1, "Select at least one asset.").max(500, "At most 500 assets at once.") });

export type ApprovalView = ReturnType<typeof approvalToJson>;
export type UsageView = ReturnType<typeof usageToJson>;
export type NearDuplicateView = ReturnType<typeof nearDuplicateToJson>;

export interface VariantView {
  preset: string;
  width: number | null;
  height: number | null;
  bytes: number;
  format: string;
  createdAt: string;
}

export interface AssetDetail {
  asset: AssetJson;
  approvals: ApprovalView[];
  usages: UsageView[];
  variants: VariantView[];
  /** Lifecycle actions the caller's role could take from the asset's status (the engine still decides each). */
  actions: MediaAction[];
}

export interface BulkOutcome {
  done: string[];
  skipped: { id: string; code: string; reason: string }[];
}

function revalidateMedia() {
  revalidatePath("/media", "layout");
}

export async function listAssetsAction(raw: unknown): Promise<ActionResult<{ items: AssetJson[]; nextCursor: string | null }>> {
  return runAction(listAssetsSchema, raw, async (ctx, input) => {
    const page = await listAssets(ctx, input);
    return { items: page.items.map(assetToJson), nextCursor: page.nextCursor };
  });
}

export async function getAssetDetailAction(raw: unknown): Promise<ActionResult<AssetDetail>> {
  return runAction(idSchema, raw, async (ctx, { id }) => {
    const asset = await getAsset(ctx, id);
    const [approvals, usages, variants] = await Promise.all([listApprovals(ctx, id), whereUsed(ctx, id), listVariants(ctx.db, ctx.workspaceId, id)]);
    return {
      asset: assetToJson(asset),
      approvals: approvals.map(approvalToJson),
      usages: usages.map(usageToJson),
      variants: variants
        .map((v) => ({ preset: v.preset, width: v.width, height: v.height, bytes: v.bytes, format: v.format, createdAt: v.createdAt.toISOString() }))
        .sort((a, b) => a.preset.localeCompare(b.preset)),
      actions: availableActions(asset.status, (p) => can(ctx.role, p)),
    };
  });
}

export async function createLibraryAction(raw: unknown): Promise<ActionResult<{ id: string; name: string }>> {
  const res = await runAction(createLibrarySchema, raw, async (ctx, input) => {
    const lib = await createLibrary(ctx, input);
    return { id: lib.id, name: lib.name };
  });
  if (res.ok) revalidateMedia();
  return res;
}

const libraryIdSchema = z.object({ id: z.string().uuid("Not a library id.") });
const updateLibraryActionSchema = updateLibrarySchema.extend({ id: z.string().uuid("Not a library id.") });

export async function updateLibraryAction(raw: unknown): Promise<ActionResult<{ id: string; name: string }>> {
  const res = await runAction(updateLibraryActionSchema, raw, async (ctx, { id, ...patch }) => {
    const lib = await updateLibrary(ctx, id, patch);
    return { id: lib.id, name: lib.name };
  });
  if (res.ok) revalidateMedia();
  return res;
}

/** Deletes an empty library; one that still holds assets (the bin included) is refused with the engine's reason. */
export async function deleteLibraryAction(raw: unknown): Promise<ActionResult<{ id: string }>> {
  const res = await runAction(libraryIdSchema, raw, (ctx, { id }) => deleteLibrary(ctx, id));
  if (res.ok) revalidateMedia();
  return res;
}

const updateAssetActionSchema = updateAssetSchema.extend({ id: assetId });

export async function updateAssetAction(raw: unknown): Promise<ActionResult<{ asset: AssetJson; focalPointChanged: boolean }>> {
  return runAction(updateAssetActionSchema, raw, async (ctx, { id, ...patch }) => {
    const { asset, focalPointChanged } = await updateAsset(ctx, id, patch);
    return { asset: assetToJson(asset), focalPointChanged };
  });
}

const transitionActionSchema = transitionAssetSchema.extend({ id: assetId });

export async function transitionAssetAction(raw: unknown): Promise<ActionResult<AssetJson>> {
  return runAction(transitionActionSchema, raw, async (ctx, { id, ...input }) => assetToJson(await transitionAsset(ctx, id, input)));
}

export async function bulkTransitionAction(raw: unknown): Promise<ActionResult<BulkTransitionResult>> {
  return runAction(bulkTransitionSchema, raw, (ctx, input) => bulkTransition(ctx, input));
}

/** Runs one engine call per asset; an asset that cannot take it is reported with the engine's reason, not failed. */
async function eachAsset(ids: string[], fn: (id: string) => Promise<unknown>): Promise<BulkOutcome> {
  const out: BulkOutcome = { done: [], skipped: [] };
  for (const id of [...new Set(ids)]) {
    try {
      await fn(id);
      out.done.push(id);
    } catch (e) {
      const err = e as { code?: string; message?: string; status?: number };
      // A role that may not do this is refused as a whole, as a single call would be.
      if (err.code === "FORBIDDEN") throw e;
      out.skipped.push({ id, code: err.code ?? "INTERNAL", reason: err.status ? (err.message ?? "Not allowed.") : "Something went wrong on our side." });
    }
  }
  return out;
}

/** Soft-deletes (to the bin, restorable for 30 days); assets in use are skipped with the engine's reason. */
export async function bulkDeleteAssetsAction(raw: unknown): Promise<ActionResult<BulkOutcome>> {
  return runAction(idsSchema, raw, (ctx, { ids }) => eachAsset(ids, (id) => transitionAsset(ctx, id, { action: "delete" })));
}

/** Undo of a bulk delete: restores exactly the ids the delete reported. */
export async function bulkRestoreAssetsAction(raw: unknown): Promise<ActionResult<BulkOutcome>> {
  return runAction(idsSchema, raw, (ctx, { ids }) => eachAsset(ids, (id) => transitionAsset(ctx, id, { action: "restore" })));
}

const bulkTagSchema = idsSchema.extend({
  add: z.array(z.string().trim().min(1).max(40)).min(1, "Add at least one tag.").max(20),
});

/** Adds tags to each selected asset, keeping the tags it already has. */
export async function bulkTagAssetsAction(raw: unknown): Promise<ActionResult<BulkOutcome>> {
  return runAction(bulkTagSchema, raw, (ctx, { ids, add }) =>
    eachAsset(ids, async (id) => {
      authorize(ctx, "media.write");
      const asset = await getAsset(ctx, id);
      await updateAsset(ctx, id, { tags: [...asset.tags, ...add] });
    }),
  );
}

const nearDuplicatesActionSchema = z.object({ id: assetId, maxDistance: z.number().int().min(0).max(32).default(10), limit: z.number().int().min(1).max(100).default(20) });

export async function nearDuplicatesAction(raw: unknown): Promise<ActionResult<NearDuplicateView[]>> {
  return runAction(nearDuplicatesActionSchema, raw, async (ctx, { id, maxDistance, limit }) =>
    (await findNearDuplicates(ctx, id, { maxDistance, limit })).map(nearDuplicateToJson),
  );
}

/** Makes the platform variants now (crops at the focal point, WebP, AVIF); kept presets are not redone. */
export async function generateVariantsAction(raw: unknown): Promise<ActionResult<{ made: number; kept: number }>> {
  return runAction(idSchema, raw, async (ctx, { id }) => {
    const asset = await getAsset(ctx, id);
    // Variants are written files: the same permission as editing the asset.
    authorize(ctx, "media.write");
    return generateVariants(ctx.db, { workspaceId: ctx.workspaceId, assetId: asset.id });
  });
}

const campaignSearchSchema = z.object({ q: z.string().trim().max(100).default("") });

export async function searchCampaignsAction(raw: unknown): Promise<ActionResult<{ id: string; name: string; status: string }[]>> {
  return runAction(campaignSearchSchema, raw, (ctx, { q }) => findCampaignsByName(ctx, q, 12));
}

const attachCampaignSchema = z.object({ assetId, campaignId: z.string().uuid("Pick a campaign.") });

/** Records that a campaign uses the asset, through the usage engine (expired, archived and deleted assets are refused). */
export async function attachToCampaignAction(raw: unknown): Promise<ActionResult<{ created: boolean }>> {
  return runAction(attachCampaignSchema, raw, async (ctx, { assetId: id, campaignId }) => {
    const { created } = await attachAsset(ctx, { assetId: id, entityType: "campaign", entityId: campaignId });
    return { created };
  });
}

const detachSchema = z.object({ assetId, entityType: z.enum(["post", "ad", "email", "campaign"]), entityId: z.string().trim().min(1).max(200) });

export async function detachAssetAction(raw: unknown): Promise<ActionResult<{ detached: boolean }>> {
  return runAction(detachSchema, raw, (ctx, input) => detachAsset(ctx, input));
}
