// The CRM's segments: dynamic segments (rules) and static lists, with their live sizes, and "New segment" for writers.
// Never page with offsets: older segments come through the keyset cursor in the URL.
import type { Metadata } from "next";
import Link from "next/link";
import { ListFilter, Plus } from "lucide-react";
import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { listSegments } from "@/lib/crm/segments";
import { getWorkspace } from "@/lib/workspaces";
import { CrmHeader } from "@/components/crm/crm-header";
import { SegmentsTable } from "@/components/crm/segments-table";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { TableSkeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "../../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Segments · CRM" };

const PAGE_SIZE = 50;

async function SegmentsLoader({ ctx, cursor, canWrite }: { ctx: Ctx; cursor: string | null; canWrite: boolean }) {
  const [page, workspace] = await Promise.all([listSegments(ctx, { cursor: cursor?.slice(0, 500) || undefined, limit: PAGE_SIZE }), getWorkspace(ctx)]);
  if (!page.items.length && !cursor) {
    return (
      <EmptyState
        icon={<ListFilter aria-hidden />}
        title="No segments yet"
        description="A segment is a group of contacts: by rules (“MQLs in Germany who clicked an email this month”) or a list you pick by hand."
        action={
          canWrite ? (
            <Link href="/crm/segments/new" className={buttonClasses({ size: "sm" })}>
              <Plus aria-hidden className="size-4" />
              New segment
            </Link>
          ) : null
        }
      />
    );
  }
  return (
    <div className="grid gap-3">
      <SegmentsTable segments={page.items.map(({ id, name, kind, updatedAt }) => ({ id, name, kind, updatedAt }))} timeZone={workspace.timezone} />
      <div className="flex justify-end gap-2">
        {cursor ? (
          <Link href="/crm/segments" className={buttonClasses({ variant: "ghost", size: "sm" })}>
            Newest segments
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link href={`/crm/segments?cursor=${encodeURIComponent(page.nextCursor)}`} className={buttonClasses({ variant: "outline", size: "sm" })}>
            Older segments
          </Link>
        ) : null}
      </div>
    </div>
  );
}

export default async function SegmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageCtx();
  const sp = await searchParams;
  const cursor = typeof sp.cursor === "string" ? sp.cursor : null;
  const canWrite = can(ctx.role, "contacts.write");
  return (
    <>
      <CrmHeader
        active="segments"
        description="Groups of contacts for sends, ads and reports: by rules that stay current, or lists you pick."
        actions={
          canWrite ? (
            <Link href="/crm/segments/new" className={buttonClasses()}>
              <Plus aria-hidden className="size-4" />
              New segment
            </Link>
          ) : null
        }
      />
      <WidgetBoundary key={cursor ?? ""} title="Segments" fallback={<TableSkeleton label="Loading segments" columns={4} rows={5} />}>
        <SegmentsLoader ctx={ctx} cursor={cursor} canWrite={canWrite} />
      </WidgetBoundary>
    </>
  );
}
