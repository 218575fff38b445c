// GET/POST /api/v1/media/assets/{id}/transitions: the approval timeline, and one lifecycle move (the engine checks the role).
// Thin: the engine authorises and scopes to the caller's workspace; never query the database here.
import { listTransitionsRoute, transitionAssetRoute } from "@/lib/api/specs/media";
import { handle } from "@/lib/http/route";
import { approvalToJson, assetToJson, listApprovals, transitionAsset } from "@/lib/media";

export const dynamic = "force-dynamic";

export const GET = handle(listTransitionsRoute, async ({ ctx, params }) => ({ items: (await listApprovals(ctx, params.id)).map(approvalToJson) }));

export const POST = handle(transitionAssetRoute, async ({ ctx, params, body }) => assetToJson(await transitionAsset(ctx, params.id, body)));
