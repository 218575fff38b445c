// The media library: library switcher, URL-driven search, filters and sort, a virtualised thumbnail grid of keyset pages
// with bulk actions, drag-and-drop uploads, and the asset drawer (?asset=<id>). Never load the grid outside its boundary.
import type { Metadata } from "next";
import Link from "next/link";
import { BarChart3, ClipboardCheck, Trophy } from "lucide-react";
import { can } from "@/lib/auth/permissions";
import { listLibraries } from "@/lib/media";
import { listMembers } from "@/lib/workspaces";
import { AssetDrawer } from "@/components/media/asset-drawer";
import { LibrarySwitcher, NewLibraryDialog } from "@/components/media/library-switcher";
import { MediaFilters } from "@/components/media/media-filters";
import { MediaGridLoader } from "@/components/media/media-grid-loader";
import { MediaGridSkeleton } from "@/components/media/media-grid-skeleton";
import { loadMediaSearchParams } from "@/components/media/media-search-params";
import { MediaUploader, UploadButton, UploadDropZone } from "@/components/media/media-uploader";
import { MetricsImportDialog } from "@/components/media/metrics-import-dialog";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Media" };

export default async function MediaPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageCtx();
  const filters = await loadMediaSearchParams(searchParams);
  const [libraries, members] = await Promise.all([listLibraries(ctx), listMembers(ctx)]);
  const canWrite = can(ctx.role, "media.write");
  const current = libraries.find((l) => l.id === filters.library) ?? null;
  // Uploads go to the library on screen; with "All libraries" they go to the first one.
  const uploadLibrary = current ?? libraries[0] ?? null;

  const links = (
    <>
      <Link href="/media/review" className={buttonClasses({ variant: "outline" })}>
        <ClipboardCheck aria-hidden className="size-4" />
        Review queue
      </Link>
      <Link href="/media/top" className={buttonClasses({ variant: "outline" })}>
        <Trophy aria-hidden className="size-4" />
        Top assets
      </Link>
      <Link href="/media/stats" className={buttonClasses({ variant: "outline" })}>
        <BarChart3 aria-hidden className="size-4" />
        Statistics
      </Link>
    </>
  );

  if (!libraries.length) {
    return (
      <>
        <PageHeader title="Media" description="Images, video and PDFs with approvals, duplicates, platform crops, usage and performance." actions={links} />
        <EmptyState
          title="Create your first library"
          description={canWrite ? "Libraries group assets, for example per brand or project. Uploads go into a library." : "No library exists yet; ask a marketer or manager to create one."}
          action={canWrite ? <NewLibraryDialog primary /> : undefined}
        />
      </>
    );
  }

  return (
    <MediaUploader libraryId={canWrite ? (uploadLibrary?.id ?? null) : null}>
      <PageHeader
        title="Media"
        description={
          canWrite && uploadLibrary
            ? `Images, video and PDFs with approvals and usage. Uploads go to “${uploadLibrary.name}”.`
            : "Images, video and PDFs with approvals, duplicates, platform crops, usage and performance."
        }
        actions={
          <>
            {links}
            {canWrite ? <MetricsImportDialog /> : null}
            {canWrite ? <UploadButton /> : null}
          </>
        }
      />
      <div className="grid gap-4">
        <LibrarySwitcher libraries={libraries.map(({ id, name, assetCount, totalBytes }) => ({ id, name, assetCount, totalBytes }))} canWrite={canWrite} />
        <MediaFilters uploaders={members.map(({ userId, name }) => ({ userId, name }))} currentUserId={ctx.userId} />
        <UploadDropZone>
          <WidgetBoundary key={JSON.stringify(filters)} title="Assets" fallback={<MediaGridSkeleton />}>
            <MediaGridLoader ctx={ctx} filters={filters} />
          </WidgetBoundary>
        </UploadDropZone>
      </div>
      <AssetDrawer canWrite={canWrite} canApprove={can(ctx.role, "media.approve")} canDelete={can(ctx.role, "media.delete")} />
    </MediaUploader>
  );
}
