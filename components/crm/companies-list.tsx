// Loads the first keyset page of companies for the URL's search and hands it to the companies table.
// Never call it from a client component: it reads through the engine with the caller's ctx.
import "server-only";
import { Building } from "lucide-react";
import type { Ctx } from "@/lib/auth/context";
import { listCompanies } from "@/lib/crm";
import { COMPANIES_PAGE_SIZE } from "@/app/(app)/crm/companies/search-params";
import { EmptyState } from "@/components/ui/empty-state";
import { CompaniesTable } from "./companies-table";
import { toCompanyListItem } from "./company-list-item";

export async function CompaniesList({ ctx, q, cursor, canWrite }: { ctx: Ctx; q: string; cursor: string | null; canWrite: boolean }) {
  const query = q.trim().slice(0, 200);
  const page = await listCompanies(ctx, { q: query || undefined, cursor: cursor?.slice(0, 500) || undefined, limit: COMPANIES_PAGE_SIZE });
  if (page.items.length === 0 && !cursor) {
    return query ? (
      <EmptyState icon={<Building aria-hidden />} title="No companies match" description="Search matches the start of a company's name or domain." />
    ) : (
      <EmptyState
        icon={<Building aria-hidden />}
        title="No companies yet"
        description={canWrite ? "Add the companies your contacts work at; contacts then show their company and you can see everyone at one." : "Your role can view companies but not add them."}
      />
    );
  }
  return <CompaniesTable initialPage={{ items: page.items.map(toCompanyListItem), nextCursor: page.nextCursor }} q={query} cursor={cursor} />;
}
