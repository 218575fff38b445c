// The CRM's companies list: URL-driven search, keyset pages with "Load more", and "New company" for writers.
// Never load the list outside its Suspense boundary: the heading and search render at once.
import type { Metadata } from "next";
import { can } from "@/lib/auth/permissions";
import { listMembers } from "@/lib/workspaces";
import { CompaniesList } from "@/components/crm/companies-list";
import { CompanySearch } from "@/components/crm/company-search";
import { CrmHeader } from "@/components/crm/crm-header";
import { NewCompanyDialog } from "@/components/crm/new-company-dialog";
import { TableSkeleton } from "@/components/ui/skeleton";
import { WidgetBoundary } from "@/components/ui/widget-boundary";
import { getPageCtx } from "../../page-ctx";
import { loadCompanySearchParams } from "./search-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Companies · CRM" };

export default async function CompaniesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getPageCtx();
  const { q, cursor } = await loadCompanySearchParams(searchParams);
  const canWrite = can(ctx.role, "contacts.write");
  const owners = canWrite ? (await listMembers(ctx)).map(({ userId, name, email, role }) => ({ userId, name, email, role })) : [];
  return (
    <>
      <CrmHeader
        active="companies"
        description="The organisations your contacts work at, with their size, industry and people."
        actions={canWrite ? <NewCompanyDialog owners={owners} /> : null}
      />
      <div className="grid gap-3">
        <CompanySearch />
        <WidgetBoundary key={`${q}|${cursor ?? ""}`} title="Companies" fallback={<TableSkeleton label="Loading companies" columns={6} rows={8} />}>
          <CompaniesList ctx={ctx} q={q} cursor={cursor} canWrite={canWrite} />
        </WidgetBoundary>
      </div>
    </>
  );
}
