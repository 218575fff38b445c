// Compare 2–4 assets side by side (?ids=a,b,c&channel=): totals, rates, per-channel CTR and the high-performer flag.
// Never load the comparison outside its boundary.
import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { compareIds, loadCompareSearchParams } from "@/components/media/compare-search-params";
import { CompareWidget } from "@/components/media/compare-widget";
import { validChannel } from "@/components/media/top-search-params";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "../../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Compare assets" };

export default async function CompareAssetsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageCtx();
  const params = await loadCompareSearchParams(searchParams);
  const ids = compareIds(params.ids);
  const channel = validChannel(params.channel);
  return (
    <>
      <PageHeader
        title="Compare assets"
        description="How 2 to 4 assets perform side by side."
        actions={
          <Link href="/media/top" className={buttonClasses({ variant: "ghost" })}>
            <ArrowLeft aria-hidden className="size-4" />
            Top performers
          </Link>
        }
      />
      <WidgetBoundary key={`${ids.join(",")}|${channel ?? ""}`} title="The comparison" fallback={<CardSkeleton label="Loading the comparison" lines={8} />}>
        <CompareWidget ctx={ctx} ids={ids} channel={channel} />
      </WidgetBoundary>
    </>
  );
}
