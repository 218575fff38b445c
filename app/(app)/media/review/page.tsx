// The review queue: assets waiting for approval, oldest first, cleared with the keyboard by an approver. Other roles see
// the same queue read-only. Never load more than one engine page here: the queue shows its first 200 and says so.
import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { assetToJson, listAssets } from "@/lib/media";
import { ReviewQueue } from "@/components/media/review-queue";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "../../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Media review" };

const QUEUE_LIMIT = 200;

async function QueueLoader({ ctx }: { ctx: Ctx }) {
  const page = await listAssets(ctx, { status: ["IN_REVIEW"], sort: "oldest", limit: QUEUE_LIMIT });
  return <ReviewQueue initial={page.items.map(assetToJson)} canApprove={can(ctx.role, "media.approve")} more={page.nextCursor !== null} />;
}

export default async function MediaReviewPage() {
  const ctx = await getPageCtx();
  return (
    <>
      <PageHeader
        title="Review queue"
        description="Assets submitted for review, oldest first. Approve or reject each one; a rejection goes back to its author with your note."
        actions={
          <Link href="/media" className={buttonClasses({ variant: "outline" })}>
            <ArrowLeft aria-hidden className="size-4" />
            Media library
          </Link>
        }
      />
      <WidgetBoundary title="The review queue" fallback={<CardSkeleton label="Loading the review queue" lines={6} />}>
        <QueueLoader ctx={ctx} />
      </WidgetBoundary>
    </>
  );
}
