// The CRM's contacts list: URL-driven search, filters and sort, the view's total, a virtualised table of keyset pages, bulk
// actions, "New contact". Never load the list or the total outside a Suspense boundary: heading and filters render at once.
import type { Metadata } from "next";
import Link from "next/link";
import { Upload } from "lucide-react";
import { can } from "@/lib/auth/permissions";
import { getCompany } from "@/lib/crm";
import { listSegments } from "@/lib/crm/segments";
import { getWorkspace, listMembers } from "@/lib/workspaces";
import type { CompanyOption } from "@/components/crm/company-combobox";
import { ContactFilters } from "@/components/crm/contact-filters";
import { ContactsList } from "@/components/crm/contacts-list";
import { ContactsTableSkeleton } from "@/components/crm/contacts-table-skeleton";
import { ContactsTotal } from "@/components/crm/contacts-total";
import { ContactsTotalSkeleton } from "@/components/crm/contacts-total-skeleton";
import { CrmHeader } from "@/components/crm/crm-header";
import { EnrichmentRunsProvider } from "@/components/crm/enrichment-runs-provider";
import { NewContactDialog } from "@/components/crm/new-contact-dialog";
import { UndoDeleteProvider } from "@/components/crm/undo-delete-provider";
import { buttonClasses } from "@/components/ui/button";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "../page-ctx";
import { loadContactSearchParams } from "./search-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "CRM" };

export default async function CrmContactsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageCtx();
  const filters = await loadContactSearchParams(searchParams);
  const [members, workspace, segmentPage, company] = await Promise.all([
    listMembers(ctx),
    getWorkspace(ctx),
    listSegments(ctx, { limit: 200 }),
    filters.company ? getCompany(ctx, filters.company).then((c): CompanyOption => ({ id: c.id, name: c.name, domain: c.domain }), () => null) : null,
  ]);
  const owners = members.map(({ userId, name, email, role }) => ({ userId, name, email, role }));
  const canWrite = can(ctx.role, "contacts.write");
  const { cursor: _cursor, sort: _sort, ...view } = filters;
  const totalKey = JSON.stringify(view);

  return (
    <>
      <CrmHeader
        active="contacts"
        description="Contacts and companies, their lifecycle stage and every touchpoint, tied to campaigns."
        actions={
          <>
            {can(ctx.role, "contacts.import") ? (
              <Link href="/crm/imports/new" className={buttonClasses({ variant: "outline" })}>
                <Upload aria-hidden className="size-4" />
                Import
              </Link>
            ) : null}
            {canWrite ? <NewContactDialog owners={owners} currentUserId={ctx.userId} /> : null}
          </>
        }
      />
      <UndoDeleteProvider>
        <EnrichmentRunsProvider>
          <div className="grid gap-4">
            <ContactFilters owners={owners} company={company} segments={segmentPage.items.map(({ id, name }) => ({ id, name }))} currentUserId={ctx.userId} />
            {/* Keyed by the view, not the page: paging on (a new cursor) or re-sorting keeps the same total. */}
            <WidgetBoundary key={`total:${totalKey}`} title="The contact total" fallback={<ContactsTotalSkeleton />}>
              <ContactsTotal ctx={ctx} filters={filters} />
            </WidgetBoundary>
            <WidgetBoundary key={JSON.stringify(filters)} title="Contacts" fallback={<ContactsTableSkeleton />}>
              <ContactsList ctx={ctx} filters={filters} owners={owners} timeZone={workspace.timezone} importHref={can(ctx.role, "contacts.import") ? "/crm/imports/new" : undefined} />
            </WidgetBoundary>
          </div>
        </EnrichmentRunsProvider>
      </UndoDeleteProvider>
    </>
  );
}
