// The campaigns and providers the AI page offers in its pickers and shows by name, loaded once per request and shared by widgets.
// Never list another workspace's records (the engines scope by ctx), and never let key or header fields leave here: ids and names only.
import "server-only";
import { cache } from "react";
import type { Ctx } from "@/lib/auth/context";
import { listCampaigns } from "@/lib/campaigns";
import { listProviders } from "@/lib/gateway";
import { CAMPAIGN_PICKER_LIMIT } from "./search-params";

export interface CampaignOption {
  id: string;
  name: string;
}

export interface ProviderOption {
  id: string;
  name: string;
  kind: string;
  model: string;
  enabled: boolean;
}

export const loadCampaignOptions = cache(async (ctx: Ctx): Promise<CampaignOption[]> => {
  const page = await listCampaigns(ctx, { sort: "name", limit: CAMPAIGN_PICKER_LIMIT });
  return page.items.map(({ id, name }) => ({ id, name }));
});

export const loadProviderOptions = cache(async (ctx: Ctx): Promise<ProviderOption[]> => {
  const providers = await listProviders(ctx);
  return providers.map(({ id, name, kind, model, enabled }) => ({ id, name, kind, model, enabled }));
});
