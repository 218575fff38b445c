// The best file of an asset for a network and placement: the original when it already fits, else the stored variant that
// fits best, else a clear "needs generating" naming the preset. Publishing calls this; never answer another workspace's asset.
import "server-only";
import { type Ctx } from "@/lib/auth/context";
import { ValidationError } from "@/lib/errors";
import { getAsset } from "./assets";
import { chooseBestVariant, NETWORK_LABELS, placementsOf, preferredAspects, type Placement } from "./best-variant-table";
import { assetNotFound } from "./errors";
import { RATIO_PRESETS } from "./crop";
import { bestVariantQuerySchema, type BestVariantInput, type BestVariantJson } from "./schemas";
import { listVariants } from "./variants";

/** URL slugs of the ratio presets (":" and "." do not belong in a path segment). */
const PRESET_SLUG: Record<string, string> = { "1:1": "1x1", "4:5": "4x5", "9:16": "9x16", "16:9": "16x9", "1.91:1": "191x100", "2:3": "2x3" };

export function variantUrl(assetId: string, preset: string): string {
  return `/api/v1/media/assets/${assetId}/variants/${PRESET_SLUG[preset] ?? encodeURIComponent(preset)}`;
}

export type BestVariant = BestVariantJson;

export async function bestVariantFor(ctx: Ctx, raw: BestVariantInput): Promise<BestVariant> {
  const { assetId, ...rest } = raw;
  const input = bestVariantQuerySchema.parse(rest);
  const asset = await getAsset(ctx, assetId);
  if (asset.status === "DELETED") throw assetNotFound();
  const placement: Placement = input.placement ?? placementsOf(input.network)[0]!;
  const preferred = preferredAspects(input.network, placement);
  if (!preferred) {
    const known = placementsOf(input.network).join(", ");
    throw new ValidationError({ placement: [`${NETWORK_LABELS[input.network]} has no "${placement}" placement; use one of ${known}.`] });
  }
  const variants = await listVariants(ctx.db, ctx.workspaceId, asset.id);
  const choice = chooseBestVariant(asset, variants, preferred);
  const where = `${NETWORK_LABELS[input.network]} ${placement}`;
  const base = { assetId: asset.id, network: input.network, placement, preferred: [...preferred], preset: choice.preset };
  if (choice.source === "original") {
    return {
      ...base,
      source: "original",
      canGenerate: false,
      width: asset.width,
      height: asset.height,
      bytes: asset.bytes,
      format: asset.format,
      url: `/api/v1/media/assets/${asset.id}/original`,
      message: `The original (${asset.width}×${asset.height}) is already ${choice.preset}, which ${where} takes.`,
    };
  }
  if (choice.source === "variant") {
    const v = choice.variant;
    return {
      ...base,
      source: "variant",
      canGenerate: false,
      width: v.width,
      height: v.height,
      bytes: v.bytes,
      format: v.format,
      url: variantUrl(asset.id, v.preset),
      message: `Use the ${v.preset} variant (${v.width}×${v.height}) for ${where}.`,
    };
  }
  const use = RATIO_PRESETS.find((p) => p.preset === choice.preset);
  return {
    ...base,
    source: "needs_generating",
    canGenerate: choice.canGenerate,
    width: null,
    height: null,
    bytes: null,
    format: null,
    url: null,
    message: choice.canGenerate
      ? `No ${choice.preset} version exists yet for ${where}${use ? ` (${use.width}×${use.height})` : ""}: generate the ${choice.preset} variant.`
      : `This ${asset.kind} is not ${preferred.join(" or ")} and cannot be re-cropped here: upload a ${choice.preset} version for ${where}.`,
  };
}
