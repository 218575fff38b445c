// The Log tab's loaders: the filter choices (providers, campaigns) and the first keyset page of requests for the URL's filters.
// Never call these from a client component: they read through the engines with the caller's ctx.
import "server-only";
import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listAiRequests } from "@/lib/gateway";
import { getWorkspace } from "@/lib/workspaces";
import { loadCampaignOptions, loadProviderOptions } from "@/app/(app)/ai/picker-options";
import { AI_LOG_PAGE_SIZE } from "@/app/(app)/ai/search-params";
import { RequestLogFilters } from "./request-log-filters";
import { RequestLogTable, type RequestLogFiltersValue } from "./request-log-table";

export async function RequestLogFiltersWidget({ ctx }: { ctx: Ctx }) {
  const [providers, campaigns] = await Promise.all([loadProviderOptions(ctx), loadCampaignOptions(ctx)]);
  return <RequestLogFilters providers={providers} campaigns={campaigns} />;
}

export async function RequestLogWidget({ ctx, filters }: { ctx: Ctx; filters: RequestLogFiltersValue }) {
  const [page, workspace, providers, campaigns] = await Promise.all([
    listAiRequests(ctx, {
      task: filters.task ?? undefined,
      status: filters.status ?? undefined,
      providerId: filters.providerId ?? undefined,
      campaignId: filters.campaignId ?? undefined,
      limit: AI_LOG_PAGE_SIZE,
    }),
    getWorkspace(ctx),
    loadProviderOptions(ctx),
    loadCampaignOptions(ctx),
  ]);
  return (
    <RequestLogTable
      initialPage={page}
      filters={filters}
      timeZone={workspace.timezone}
      providerNames={Object.fromEntries(providers.map((p) => [p.id, p.name]))}
      campaignNames={Object.fromEntries(campaigns.map((c) => [c.id, c.name]))}
      canUse={can(ctx.role, "ai.use")}
    />
  );
}
