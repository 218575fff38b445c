// The dashboard: real figures only (campaigns by status, planned budget per currency, members, recent activity).
// Never show sample data: each widget loads from the engines and shows an empty state when there is nothing.
import type { Metadata } from "next";
import Link from "next/link";
import { Plus } from "lucide-react";
import { can } from "@/lib/auth/permissions";
import { BudgetWidget } from "@/components/dashboard/budget-widget";
import { CampaignStatusWidget } from "@/components/dashboard/campaign-status-widget";
import { MembersWidget } from "@/components/dashboard/members-widget";
import { RecentActivityWidget } from "@/components/dashboard/recent-activity-widget";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const ctx = await getPageCtx();
  const firstName = ctx.user.name.split(/\s+/)[0] || ctx.user.name;
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`Welcome back, ${firstName}. Here is where this workspace stands.`}
        actions={
          can(ctx.role, "campaigns.write") ? (
            <Link href="/campaigns/new" className={buttonClasses()}>
              <Plus aria-hidden className="size-4" />
              New campaign
            </Link>
          ) : null
        }
      />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <WidgetBoundary title="Campaigns by status" fallback={<CardSkeleton label="Loading campaign counts" lines={3} />}>
            <CampaignStatusWidget ctx={ctx} />
          </WidgetBoundary>
        </div>
        <WidgetBoundary title="Members" fallback={<CardSkeleton label="Loading members" lines={3} />}>
          <MembersWidget ctx={ctx} />
        </WidgetBoundary>
        <div className={can(ctx.role, "audit.read") ? "" : "lg:col-span-3"}>
          <WidgetBoundary title="Planned budget" fallback={<CardSkeleton label="Loading budgets" lines={3} />}>
            <BudgetWidget ctx={ctx} />
          </WidgetBoundary>
        </div>
        {can(ctx.role, "audit.read") ? (
          <div className="lg:col-span-2">
            <WidgetBoundary title="Recent activity" fallback={<CardSkeleton label="Loading recent activity" lines={6} />}>
              <RecentActivityWidget ctx={ctx} />
            </WidgetBoundary>
          </div>
        ) : null}
      </div>
    </>
  );
}
