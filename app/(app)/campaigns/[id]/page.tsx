// One campaign: the edit form for roles with campaigns.write, a read-only view for everyone else, delete with confirmation.
// Never tell an unknown id from another workspace's id: both are a 404.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft } from "lucide-react";
import { can } from "@/lib/auth/permissions";
import { getCampaign, type CampaignRow } from "@/lib/campaigns";
import { NotFoundError } from "@/lib/errors";
import { getWorkspace } from "@/lib/workspaces";
import { CampaignDetails } from "@/components/campaigns/campaign-details";
import { CampaignFormLoader } from "@/components/campaigns/campaign-form-loader";
import { DeleteCampaignButton } from "@/components/campaigns/delete-campaign-button";
import { StatusBadge } from "@/components/campaigns/status-badge";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "../../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Campaign" };

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await getPageCtx();
  const { id } = await params;
  let campaign: CampaignRow;
  try {
    campaign = await getCampaign(ctx, id);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const canWrite = can(ctx.role, "campaigns.write");

  return (
    <>
      <Link href="/campaigns" className="mb-3 inline-flex items-center gap-1 rounded text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft aria-hidden className="size-4" />
        Campaigns
      </Link>
      <PageHeader
        title={campaign.name}
        description={
          <span className="inline-flex items-center gap-2">
            <StatusBadge status={campaign.status} />
            {canWrite ? "Edit the campaign below." : "You can view this campaign; your role cannot change it."}
          </span>
        }
        actions={canWrite ? <DeleteCampaignButton id={campaign.id} name={campaign.name} /> : null}
      />
      {canWrite ? (
        <Card>
          <CardBody>
            <WidgetBoundary title="The campaign form" fallback={<CardSkeleton label="Loading the form" lines={8} bare />}>
              <CampaignFormLoader
                ctx={ctx}
                campaign={{
                  id: campaign.id,
                  name: campaign.name,
                  objective: campaign.objective,
                  status: campaign.status,
                  startDate: campaign.startDate,
                  endDate: campaign.endDate,
                  budgetMinor: campaign.budgetMinor,
                  currency: campaign.currency,
                  ownerUserId: campaign.ownerUserId,
                  tags: campaign.tags,
                }}
              />
            </WidgetBoundary>
          </CardBody>
        </Card>
      ) : (
        <CampaignDetails campaign={campaign} timeZone={(await getWorkspace(ctx)).timezone} />
      )}
    </>
  );
}
