// GET/PATCH/DELETE /api/v1/media/assets/{id}: detail, metadata edits, and a soft delete (the bin). Another workspace's asset is 404.
// Thin: the engine authorises and scopes to the caller's workspace; never query the database here.
import { deleteAssetRoute, getAssetRoute, updateAssetRoute } from "@/lib/api/specs/media";
import { handle } from "@/lib/http/route";
import { assetToJson, getAsset, transitionAsset, updateAsset } from "@/lib/media";

export const dynamic = "force-dynamic";

export const GET = handle(getAssetRoute, async ({ ctx, params }) => assetToJson(await getAsset(ctx, params.id)));

export const PATCH = handle(updateAssetRoute, async ({ ctx, params, body }) => assetToJson((await updateAsset(ctx, params.id, body)).asset));

export const DELETE = handle(deleteAssetRoute, async ({ ctx, params }) => assetToJson(await transitionAsset(ctx, params.id, { action: "delete" })));
