// Campaign counts by status and budget totals per currency for the dashboard, computed from the campaigns engine.
// Never estimate: it walks keyset pages of real rows, and says so when it stops at the cap instead of guessing the rest.
import "server-only";
import { cache } from "react";
import type { Ctx } from "@/lib/auth/context";
import { CAMPAIGN_STATUSES, listCampaigns } from "@/lib/campaigns";

type Status = (typeof CAMPAIGN_STATUSES)[number];

export interface CampaignSummary {
  total: number;
  byStatus: Record<Status, number>;
  /** Sum of campaign budgets in minor units, per ISO currency, with how many campaigns contribute. */
  budgets: Array<{ currency: string; minor: number; campaigns: number }>;
  /** True when the workspace has more campaigns than the dashboard reads; figures then cover the newest ones only. */
  capped: boolean;
}

const PAGE = 200;
const MAX_PAGES = 25;

// Until the engine offers an aggregate query, the dashboard reads the pages itself; cache() shares them between widgets.
export const loadCampaignSummary = cache(async (ctx: Ctx): Promise<CampaignSummary> => {
  const byStatus = Object.fromEntries(CAMPAIGN_STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  const budgets = new Map<string, { minor: number; campaigns: number }>();
  let total = 0;
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listCampaigns(ctx, { sort: "newest", limit: PAGE, cursor });
    for (const c of page.items) {
      total++;
      byStatus[c.status]++;
      const b = budgets.get(c.currency) ?? { minor: 0, campaigns: 0 };
      b.minor += c.budgetMinor;
      b.campaigns++;
      budgets.set(c.currency, b);
    }
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < MAX_PAGES);
  return {
    total,
    byStatus,
    budgets: [...budgets.entries()].map(([currency, b]) => ({ currency, ...b })).sort((a, b) => b.campaigns - a.campaigns),
    capped: Boolean(cursor),
  };
});
