// The Budgets & prices tab's loaders: budget status with this month's spend, and the price table with workspace overrides marked.
// Never widen what the engine returns: budgets and prices hold no secrets, but only the fields the panels show are passed on.
import "server-only";
import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { budgetStatus, costByCampaign, listPrices } from "@/lib/gateway";
import { loadCampaignOptions } from "@/app/(app)/ai/picker-options";
import { BudgetsPanel } from "./budgets-panel";
import { PricesTable } from "./prices-table";

export async function BudgetsWidget({ ctx }: { ctx: Ctx }) {
  const canManage = can(ctx.role, "ai.manage");
  const [budgets, logged, campaigns] = await Promise.all([
    budgetStatus(ctx),
    costByCampaign(ctx),
    canManage ? loadCampaignOptions(ctx) : Promise.resolve([]),
  ]);
  // A budget's spend counter starts only at its first reserved call (and a refused call rolls it back), so right after a
  // budget is set it reads $0 while the month's logged spend is not. Enforcement recounts from the log, so show the larger.
  const loggedFor = (scope: string) =>
    scope === "workspace" ? logged.reduce((sum, c) => sum + c.costMicros, 0) : (logged.find((c) => c.campaignId === scope)?.costMicros ?? 0);
  return (
    <BudgetsPanel
      budgets={budgets.map(({ scope, campaignName, monthlyLimitMicros, spentMicros, reservedMicros }) => ({
        scope,
        campaignName,
        monthlyLimitMicros,
        spentMicros: Math.max(spentMicros, loggedFor(scope)),
        reservedMicros,
      }))}
      campaigns={campaigns}
      canManage={canManage}
    />
  );
}

export async function PricesWidget({ ctx }: { ctx: Ctx }) {
  const prices = await listPrices(ctx);
  return (
    <PricesTable
      prices={prices.map(({ kind, model, inputPerMTokMicros, outputPerMTokMicros, source }) => ({
        kind,
        model,
        inputPerMTokMicros: Number(inputPerMTokMicros),
        outputPerMTokMicros: Number(outputPerMTokMicros),
        source,
      }))}
      canManage={can(ctx.role, "ai.manage")}
    />
  );
}
