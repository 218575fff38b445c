// Dashboard widget: how many campaigns the workspace has in each status, linking to the filtered list.
// Never show a number that did not come from the workspace's own rows.
import "server-only";
import Link from "next/link";
import { Megaphone, Plus } from "lucide-react";
import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { CAMPAIGN_STATUSES } from "@/lib/campaigns";
import { loadCampaignSummary } from "@/app/(app)/dashboard/campaign-summary";
import { STATUS_LABELS } from "@/components/campaigns/status-badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

export async function CampaignStatusWidget({ ctx }: { ctx: Ctx }) {
  const summary = await loadCampaignSummary(ctx);
  const canWrite = can(ctx.role, "campaigns.write");
  return (
    <Card aria-labelledby="w-campaigns">
      <CardHeader
        titleId="w-campaigns"
        title="Campaigns by status"
        description={summary.total ? `${summary.total}${summary.capped ? "+" : ""} campaign${summary.total === 1 ? "" : "s"} in this workspace` : undefined}
        actions={
          <Link href="/campaigns" className={buttonClasses({ variant: "ghost", size: "sm" })}>
            View all
          </Link>
        }
      />
      <CardBody>
        {summary.total === 0 ? (
          <EmptyState
            icon={<Megaphone aria-hidden />}
            title="No campaigns yet"
            description="Once campaigns exist, their counts by status appear here."
            action={
              canWrite ? (
                <Link href="/campaigns/new" className={buttonClasses({ size: "sm" })}>
                  <Plus aria-hidden className="size-4" />
                  New campaign
                </Link>
              ) : undefined
            }
          />
        ) : (
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {CAMPAIGN_STATUSES.map((s) => (
              <li key={s}>
                <Link
                  href={`/campaigns?status=${s}`}
                  className="block rounded-md border border-border p-3 hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
                >
                  <span className="block text-sm text-muted-foreground">{STATUS_LABELS[s]}</span>
                  <span className="mt-1 block text-2xl font-semibold tabular-nums">{summary.byStatus[s]}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {summary.capped ? (
          <p className="mt-3 text-xs text-muted-foreground">Counted from the newest {summary.total} campaigns only.</p>
        ) : null}
      </CardBody>
    </Card>
  );
}
