// The CRM's imports: every CSV import with its status and results, and "Import a CSV" for roles that may import.
// Never page with offsets: older imports come through the keyset cursor in the URL.
import type { Metadata } from "next";
import Link from "next/link";
import { FileSpreadsheet, Upload } from "lucide-react";
import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { importToJson, listImports } from "@/lib/crm/import";
import { getWorkspace } from "@/lib/workspaces";
import { CrmHeader } from "@/components/crm/crm-header";
import { ImportsTable } from "@/components/crm/imports-table";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { TableSkeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "../../page-ctx";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Imports · CRM" };

const PAGE_SIZE = 50;

async function ImportsLoader({ ctx, cursor, canImport }: { ctx: Ctx; cursor: string | null; canImport: boolean }) {
  const [page, workspace] = await Promise.all([listImports(ctx, { cursor: cursor?.slice(0, 500) || undefined, limit: PAGE_SIZE }), getWorkspace(ctx)]);
  if (!page.items.length && !cursor) {
    return (
      <EmptyState
        icon={<FileSpreadsheet aria-hidden />}
        title="No imports yet"
        description="Bring contacts in from a spreadsheet or another CRM: upload a CSV, check how its columns map, and choose what happens to emails you already have."
        action={
          canImport ? (
            <Link href="/crm/imports/new" className={buttonClasses({ size: "sm" })}>
              <Upload aria-hidden className="size-4" />
              Import a CSV
            </Link>
          ) : null
        }
      />
    );
  }
  return (
    <div className="grid gap-3">
      <ImportsTable imports={page.items.map(importToJson)} timeZone={workspace.timezone} />
      <div className="flex justify-end gap-2">
        {cursor ? (
          <Link href="/crm/imports" className={buttonClasses({ variant: "ghost", size: "sm" })}>
            Newest imports
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link href={`/crm/imports?cursor=${encodeURIComponent(page.nextCursor)}`} className={buttonClasses({ variant: "outline", size: "sm" })}>
            Older imports
          </Link>
        ) : null}
      </div>
    </div>
  );
}

export default async function ImportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageCtx();
  const sp = await searchParams;
  const cursor = typeof sp.cursor === "string" ? sp.cursor : null;
  const canImport = can(ctx.role, "contacts.import");
  return (
    <>
      <CrmHeader
        active="imports"
        description="CSV imports into this workspace: what each file added, updated or skipped, and which rows failed."
        actions={
          canImport ? (
            <Link href="/crm/imports/new" className={buttonClasses()}>
              <Upload aria-hidden className="size-4" />
              Import a CSV
            </Link>
          ) : null
        }
      />
      <WidgetBoundary key={cursor ?? ""} title="Imports" fallback={<TableSkeleton label="Loading imports" columns={8} rows={5} />}>
        <ImportsLoader ctx={ctx} cursor={cursor} canImport={canImport} />
      </WidgetBoundary>
    </>
  );
}
