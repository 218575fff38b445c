// Loads the first keyset page of assets for the URL's filters and hands it to the interactive, virtualised grid.
// Never call it from a client component: it reads through the engine with the caller's ctx.
import "server-only";
import Link from "next/link";
import { ImageIcon } from "lucide-react";
import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { assetToJson, listAssets, type ListAssetsInput } from "@/lib/media";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { MediaGrid } from "./media-grid";
import { hasMediaFilters, MEDIA_PAGE_SIZE, toListAssetsInput, type MediaFiltersValue } from "./media-search-params";

export async function MediaGridLoader({ ctx, filters }: { ctx: Ctx; filters: MediaFiltersValue }) {
  const listInput = toListAssetsInput(filters);
  const page = await listAssets(ctx, { ...listInput, limit: MEDIA_PAGE_SIZE } as ListAssetsInput);
  if (!page.items.length) {
    return hasMediaFilters(filters) ? (
      <EmptyState
        icon={<ImageIcon aria-hidden />}
        title="No assets match these filters"
        description="Try fewer filters or another search."
        action={
          <Link href={filters.library ? `/media?library=${filters.library}` : "/media"} className={buttonClasses({ variant: "outline", size: "sm" })}>
            Clear filters
          </Link>
        }
      />
    ) : (
      <EmptyState
        icon={<ImageIcon aria-hidden />}
        title="No assets here yet"
        description={
          can(ctx.role, "media.write")
            ? "Drop images, videos or PDFs here, or use Upload. Each file is checked, de-duplicated and gets its thumbnails and platform crops."
            : "Nothing has been uploaded to this library yet."
        }
      />
    );
  }
  return (
    <MediaGrid
      initialPage={{ items: page.items.map(assetToJson), nextCursor: page.nextCursor }}
      listInput={listInput}
      canWrite={can(ctx.role, "media.write")}
      canApprove={can(ctx.role, "media.approve")}
      canDelete={can(ctx.role, "media.delete")}
    />
  );
}
