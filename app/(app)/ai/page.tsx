// The AI gateway page: providers and their health, per-task chains, a playground, the request log, costs, budgets and prices.
// Never load a tab's data outside its own widget boundary, and never load tabs that are not shown: the URL says which one is open.
import type { Metadata } from "next";
import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { AiTabs } from "@/components/ai/ai-tabs";
import { BudgetsWidget, PricesWidget } from "@/components/ai/budgets-widgets";
import { ChainsWidget } from "@/components/ai/chains-widget";
import { CostByCampaignWidget, CostByDayWidget } from "@/components/ai/cost-widgets";
import { PlaygroundWidget } from "@/components/ai/playground-widget";
import { ProvidersWidget } from "@/components/ai/providers-widget";
import { RequestLogFiltersWidget, RequestLogWidget } from "@/components/ai/request-log-widget";
import type { RequestLogFiltersValue } from "@/components/ai/request-log-table";
import { PageHeader } from "@/components/ui/page-header";
import { CardSkeleton, Skeleton, TableSkeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "../page-ctx";
import { loadAiSearchParams, validUuid, type AiTab } from "./search-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "AI" };

const DESCRIPTIONS: Record<AiTab, string> = {
  overview: "The model providers this workspace calls, their health, and what AI has cost.",
  chains: "For each task, which providers are tried in which order, and how long to wait for them.",
  playground: "Try a task against the real chain: see the answer, who gave it, and every attempt.",
  log: "Every AI request in this workspace, newest first, with its attempts, tokens and cost.",
  budgets: "Monthly spending caps and the token prices calls are costed with.",
};

function Overview({ ctx }: { ctx: Ctx }) {
  return (
    <div className="grid grid-cols-1 gap-4">
      <WidgetBoundary title="Providers" fallback={<CardSkeleton label="Loading providers" lines={5} />}>
        <ProvidersWidget ctx={ctx} />
      </WidgetBoundary>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <WidgetBoundary title="Cost per day" fallback={<CardSkeleton label="Loading cost per day" lines={6} />}>
          <CostByDayWidget ctx={ctx} />
        </WidgetBoundary>
        <WidgetBoundary title="Cost per campaign" fallback={<CardSkeleton label="Loading cost per campaign" lines={6} />}>
          <CostByCampaignWidget ctx={ctx} />
        </WidgetBoundary>
      </div>
    </div>
  );
}

function Log({ ctx, filters }: { ctx: Ctx; filters: RequestLogFiltersValue }) {
  return (
    <>
      <WidgetBoundary title="The log filters" fallback={<Skeleton className="mb-4 h-16 w-full" />}>
        <RequestLogFiltersWidget ctx={ctx} />
      </WidgetBoundary>
      <WidgetBoundary key={JSON.stringify(filters)} title="The request log" fallback={<TableSkeleton label="Loading the request log" columns={9} rows={8} />}>
        <RequestLogWidget ctx={ctx} filters={filters} />
      </WidgetBoundary>
    </>
  );
}

export default async function AiPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageCtx();
  const params = await loadAiSearchParams(searchParams);
  const tab = params.tab;
  return (
    <>
      <PageHeader
        title="AI"
        description={
          can(ctx.role, "ai.manage")
            ? DESCRIPTIONS[tab]
            : `${DESCRIPTIONS[tab]} Only admins can change providers, chains, budgets and prices.`
        }
      />
      <AiTabs active={tab} />
      {tab === "overview" ? <Overview ctx={ctx} /> : null}
      {tab === "chains" ? (
        <WidgetBoundary title="Chains" fallback={<CardSkeleton label="Loading chains" lines={8} />}>
          <ChainsWidget ctx={ctx} />
        </WidgetBoundary>
      ) : null}
      {tab === "playground" ? (
        <WidgetBoundary title="The playground" fallback={<CardSkeleton label="Loading the playground" lines={8} />}>
          <PlaygroundWidget ctx={ctx} />
        </WidgetBoundary>
      ) : null}
      {tab === "log" ? (
        <Log
          ctx={ctx}
          filters={{
            task: params.task,
            status: params.status,
            providerId: validUuid(params.provider) ?? null,
            campaignId: validUuid(params.campaign) ?? null,
          }}
        />
      ) : null}
      {tab === "budgets" ? (
        <div className="grid grid-cols-1 gap-6">
          <WidgetBoundary title="Budgets" fallback={<CardSkeleton label="Loading budgets" lines={6} />}>
            <BudgetsWidget ctx={ctx} />
          </WidgetBoundary>
          <WidgetBoundary title="Token prices" fallback={<TableSkeleton label="Loading token prices" columns={5} rows={8} />}>
            <PricesWidget ctx={ctx} />
          </WidgetBoundary>
        </div>
      ) : null}
    </>
  );
}
