// Media libraries: each one's assets and size, with create, edit and delete-when-empty.
// Never list another workspace's libraries: the engine scopes the list to the caller's workspace.
import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft, FolderOpen } from "lucide-react";
import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listLibraries } from "@/lib/media";
import { LibraryList } from "@/components/media/library-list";
import { NewLibraryDialog } from "@/components/media/library-switcher";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "../../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Media libraries" };

async function Libraries({ ctx }: { ctx: Ctx }) {
  const libraries = await listLibraries(ctx);
  if (!libraries.length) return <EmptyState icon={<FolderOpen aria-hidden />} title="No libraries yet" description="Create one to start uploading." />;
  return (
    <LibraryList
      libraries={libraries.map((l) => ({ id: l.id, name: l.name, description: l.description, assetCount: l.assetCount, totalBytes: l.totalBytes, createdAt: l.createdAt.toISOString() }))}
      canWrite={can(ctx.role, "media.write")}
      canDelete={can(ctx.role, "media.delete")}
    />
  );
}

export default async function MediaLibrariesPage() {
  const ctx = await getPageCtx();
  return (
    <>
      <PageHeader
        title="Media libraries"
        description="Libraries group assets, for example per brand or project."
        actions={
          <>
            <Link href="/media" className={buttonClasses({ variant: "outline" })}>
              <ArrowLeft aria-hidden className="size-4" />
              Media library
            </Link>
            {can(ctx.role, "media.write") ? <NewLibraryDialog primary /> : null}
          </>
        }
      />
      <WidgetBoundary title="Libraries" fallback={<TableSkeleton label="Loading libraries" rows={4} columns={4} />}>
        <Libraries ctx={ctx} />
      </WidgetBoundary>
    </>
  );
}
