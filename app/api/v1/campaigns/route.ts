// GET/POST /api/v1/campaigns: list (keyset) and create. Thin: the wrapper authenticates and validates, the engine decides.
import { createCampaign, listCampaigns, campaignToJson } from "@/lib/campaigns";
import { createCampaignRoute, listCampaignsRoute } from "@/lib/api/routes";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = handle(listCampaignsRoute, async ({ ctx, query }) => {
  const page = await listCampaigns(ctx, query);
  return { items: page.items.map(campaignToJson), nextCursor: page.nextCursor };
});

export const POST = handle(createCampaignRoute, async ({ ctx, body }) => campaignToJson(await createCampaign(ctx, body)));
