// The new-campaign page: the campaign form with the workspace's members as owner choices.
// Never show the form to a role without campaigns.write; the engine would refuse it anyway.
import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { CampaignFormLoader } from "@/components/campaigns/campaign-form-loader";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "../../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New campaign" };

export default async function NewCampaignPage() {
  const ctx = await getPageCtx();
  return (
    <>
      <Link href="/campaigns" className="mb-3 inline-flex items-center gap-1 rounded text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft aria-hidden className="size-4" />
        Campaigns
      </Link>
      <PageHeader title="New campaign" description="Plan the campaign first; posts, ads and results attach to it later." />
      {can(ctx.role, "campaigns.write") ? (
        <Card>
          <CardBody>
            <WidgetBoundary title="The campaign form" fallback={<CardSkeleton label="Loading the form" lines={8} bare />}>
              <CampaignFormLoader ctx={ctx} />
            </WidgetBoundary>
          </CardBody>
        </Card>
      ) : (
        <EmptyState
          title="Your role cannot create campaigns"
          description={`As ${ROLE_LABELS[ctx.role]} you can view campaigns. Ask an admin if you need to plan them.`}
        />
      )}
    </>
  );
}
