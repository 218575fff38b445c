// "Top performers": the best assets by CTR for a channel, aspect ratio, type and library, all in the URL, so a marketer
// finds the best 4:5 image for Instagram in seconds. Never load the list outside its boundary.
import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { listLibraries, metricChannels } from "@/lib/media";
import { TopFilters } from "@/components/media/top-filters";
import { TopListWidget } from "@/components/media/top-list-widget";
import { loadTopSearchParams, validChannel } from "@/components/media/top-search-params";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "../../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Top performers" };

export default async function TopPerformersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageCtx();
  const params = await loadTopSearchParams(searchParams);
  const [libraries, channels] = await Promise.all([listLibraries(ctx), metricChannels(ctx)]);
  const query = {
    channel: validChannel(params.channel),
    aspect: params.aspect ?? undefined,
    kind: params.kind ?? undefined,
    libraryId: libraries.some((l) => l.id === params.library) ? (params.library ?? undefined) : undefined,
  };
  return (
    <>
      <PageHeader
        title="Top performers"
        description="The assets with the best click-through, by channel and shape."
        actions={
          <Link href="/media" className={buttonClasses({ variant: "ghost" })}>
            <ArrowLeft aria-hidden className="size-4" />
            Library
          </Link>
        }
      />
      <div className="mb-4">
        <TopFilters channels={channels} libraries={libraries.map((l) => ({ id: l.id, name: l.name }))} />
      </div>
      <WidgetBoundary key={JSON.stringify(query)} title="Top performers" fallback={<CardSkeleton label="Loading the top performers" lines={8} />}>
        <TopListWidget ctx={ctx} query={query} />
      </WidgetBoundary>
    </>
  );
}
