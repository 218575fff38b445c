// GET/POST/DELETE /api/v1/media/assets/{id}/usages: where used, attach (the one engine function), detach.
// Thin: the engine authorises and scopes to the caller's workspace; never query the database here.
import { attachAssetRoute, detachAssetRoute, whereUsedRoute } from "@/lib/api/specs/media";
import { handle } from "@/lib/http/route";
import { attachAsset, detachAsset, usageToJson, whereUsed } from "@/lib/media";

export const dynamic = "force-dynamic";

export const GET = handle(whereUsedRoute, async ({ ctx, params }) => ({ items: (await whereUsed(ctx, params.id)).map(usageToJson) }));

export const POST = handle(attachAssetRoute, async ({ ctx, params, body }) => {
  const { usage, created } = await attachAsset(ctx, { ...body, assetId: params.id });
  const [row] = (await whereUsed(ctx, params.id)).filter((u) => u.id === usage.id);
  return Response.json(usageToJson(row ?? { ...usage, campaignName: null }), { status: created ? 201 : 200 });
});

export const DELETE = handle(detachAssetRoute, async ({ ctx, params, query }) => detachAsset(ctx, { assetId: params.id, ...query }));
