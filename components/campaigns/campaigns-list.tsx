// Loads one keyset page of campaigns for the current URL filters and hands it to the interactive table.
// Never call it from a client component: it reads the database through the engine with the caller's ctx.
import "server-only";
import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listCampaigns } from "@/lib/campaigns";
import { CAMPAIGNS_PAGE_SIZE } from "@/app/(app)/campaigns/search-params";
import { toListItem } from "./campaign-row";
import { CampaignsEmptyState } from "./campaigns-empty-state";
import { CampaignsTable, type CampaignFiltersValue } from "./campaigns-table";

export async function CampaignsList({ ctx, filters }: { ctx: Ctx; filters: CampaignFiltersValue }) {
  const page = await listCampaigns(ctx, {
    q: filters.q.trim().slice(0, 100) || undefined,
    status: filters.status ?? undefined,
    sort: filters.sort,
    cursor: filters.cursor?.slice(0, 500) ?? undefined,
    limit: CAMPAIGNS_PAGE_SIZE,
  });
  if (page.items.length === 0 && !filters.cursor) {
    return <CampaignsEmptyState filtered={Boolean(filters.q.trim() || filters.status)} canWrite={can(ctx.role, "campaigns.write")} />;
  }
  return <CampaignsTable initialPage={{ items: page.items.map(toListItem), nextCursor: page.nextCursor }} filters={filters} />;
}
