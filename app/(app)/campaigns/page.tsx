// The campaigns list: URL-driven search, status filter and sort, keyset pages, and a "New campaign" action for writers.
// Never load data outside the widget's Suspense boundary: the heading and filters render at once.
import type { Metadata } from "next";
import Link from "next/link";
import { Plus } from "lucide-react";
import { can } from "@/lib/auth/permissions";
import { CampaignFilters } from "@/components/campaigns/campaign-filters";
import { CampaignsList } from "@/components/campaigns/campaigns-list";
import { CampaignsTableSkeleton } from "@/components/campaigns/campaigns-table-skeleton";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "../page-ctx";
import { loadCampaignSearchParams } from "./search-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageCtx();
  const filters = await loadCampaignSearchParams(searchParams);
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Every campaign in this workspace, with its status, dates, budget and owner."
        actions={
          can(ctx.role, "campaigns.write") ? (
            <Link href="/campaigns/new" className={buttonClasses()}>
              <Plus aria-hidden className="size-4" />
              New campaign
            </Link>
          ) : null
        }
      />
      <CampaignFilters />
      <WidgetBoundary key={JSON.stringify(filters)} title="Campaigns" fallback={<CampaignsTableSkeleton />}>
        <CampaignsList ctx={ctx} filters={filters} />
      </WidgetBoundary>
    </>
  );
}
