// GET/PATCH/DELETE /api/v1/campaigns/{id}. A campaign of another workspace answers 404, never 403.
import { campaignToJson, deleteCampaign, getCampaign, updateCampaign } from "@/lib/campaigns";
import { deleteCampaignRoute, getCampaignRoute, updateCampaignRoute } from "@/lib/api/routes";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = handle(getCampaignRoute, async ({ ctx, params }) => campaignToJson(await getCampaign(ctx, params.id)));

export const PATCH = handle(updateCampaignRoute, async ({ ctx, params, body }) =>
  campaignToJson(await updateCampaign(ctx, { ...body, id: params.id })),
);

export const DELETE = handle(deleteCampaignRoute, async ({ ctx, params }) => deleteCampaign(ctx, params.id));
