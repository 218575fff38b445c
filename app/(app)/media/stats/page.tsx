// Media statistics for the workspace or one library (?library=): counts by type and status, storage, most used and best
// performing assets, each widget in its own boundary. Never load a widget's data outside its boundary.
import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { listLibraries } from "@/lib/media";
import { MetricsImportDialog } from "@/components/media/metrics-import-dialog";
import { StatsLibraryPicker } from "@/components/media/stats-library-picker";
import { loadStatsSearchParams, validLibraryId } from "@/components/media/stats-search-params";
import { StatsBestWidget, StatsBytesWidget, StatsCountsWidget, StatsMostUsedWidget } from "@/components/media/stats-widgets";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { CardSkeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { can } from "@/lib/auth/permissions";
import { getPageCtx } from "../../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Media statistics" };

export default async function MediaStatsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageCtx();
  const params = await loadStatsSearchParams(searchParams);
  const libraries = await listLibraries(ctx);
  // An id that is not one of this workspace's libraries falls back to the whole workspace rather than failing the page.
  const libraryId = libraries.some((l) => l.id === validLibraryId(params.library)) ? validLibraryId(params.library) : undefined;
  const key = libraryId ?? "all";
  return (
    <>
      <PageHeader
        title="Media statistics"
        description="What the library holds, what it weighs, and which assets are used and perform best."
        actions={
          <>
            <Link href="/media" className={buttonClasses({ variant: "ghost" })}>
              <ArrowLeft aria-hidden className="size-4" />
              Library
            </Link>
            {can(ctx.role, "media.write") ? <MetricsImportDialog /> : null}
          </>
        }
      />
      <div className="mb-4">
        <StatsLibraryPicker libraries={libraries.map((l) => ({ id: l.id, name: l.name }))} />
      </div>
      <div className="grid gap-4">
        <WidgetBoundary key={`counts-${key}`} title="Asset counts" fallback={<CardSkeleton label="Loading asset counts" lines={6} />}>
          <StatsCountsWidget ctx={ctx} libraryId={libraryId} />
        </WidgetBoundary>
        <WidgetBoundary key={`bytes-${key}`} title="Storage" fallback={<CardSkeleton label="Loading storage" lines={4} />}>
          <StatsBytesWidget ctx={ctx} libraryId={libraryId} />
        </WidgetBoundary>
        <div className="grid gap-4 xl:grid-cols-2">
          <WidgetBoundary key={`used-${key}`} title="Most used assets" fallback={<CardSkeleton label="Loading the most used assets" lines={5} />}>
            <StatsMostUsedWidget ctx={ctx} libraryId={libraryId} />
          </WidgetBoundary>
          <WidgetBoundary key={`best-${key}`} title="Best performing assets" fallback={<CardSkeleton label="Loading the best performing assets" lines={5} />}>
            <StatsBestWidget ctx={ctx} libraryId={libraryId} />
          </WidgetBoundary>
        </div>
      </div>
    </>
  );
}
