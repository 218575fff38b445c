"use client";
// The companies table: the server-rendered first page plus keyset "Load more" pages fetched through a server action.
// Never page with offsets, and never keep pages of one search under another search's key.
import Link from "next/link";
import { useInfiniteQuery } from "@tanstack/react-query";
import { listCompaniesAction } from "@/app/(app)/crm/actions";
import { COMPANIES_PAGE_SIZE, serializeCompanySearchParams } from "@/app/(app)/crm/companies/search-params";
import { buttonClasses } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { TableFrame, Td, Th, Tr } from "@/components/ui/table";
import { toCompanyListItem, type CompanyListItem } from "./company-list-item";
import { formatCount } from "./crm-format";
import { crmQueryKeys } from "@/lib/query-keys";

interface Page {
  items: CompanyListItem[];
  nextCursor: string | null;
}

export function CompaniesTable({ initialPage, q, cursor }: { initialPage: Page; q: string; cursor: string | null }) {
  const start = cursor ?? "";
  const query = useInfiniteQuery({
    queryKey: crmQueryKeys.companies.list(q, start),
    queryFn: async ({ pageParam }): Promise<Page> => {
      const res = await listCompaniesAction({ q: q || undefined, cursor: pageParam || undefined, limit: COMPANIES_PAGE_SIZE });
      if (!res.ok) throw new Error(res.message);
      return { items: res.data.items.map(toCompanyListItem), nextCursor: res.data.nextCursor };
    },
    initialPageParam: start,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: { pages: [initialPage], pageParams: [start] },
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const nextCursor = query.data?.pages[query.data.pages.length - 1]?.nextCursor ?? null;
  const loading = query.isFetchingNextPage;

  return (
    <div className="grid grid-cols-1 gap-3">
      <TableFrame label="Company list">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Domain</Th>
            <Th>Industry</Th>
            <Th className="text-right">Employees</Th>
            <Th>Country</Th>
            <Th className="text-right">Contacts</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <Tr key={c.id}>
              <Td className="font-medium">
                <Link href={`/crm/companies/${c.id}`} className="rounded underline-offset-2 hover:underline">
                  {c.name}
                </Link>
              </Td>
              <Td className="text-muted-foreground">{c.domain ?? "—"}</Td>
              <Td>{c.industry ?? <span className="text-muted-foreground">—</span>}</Td>
              <Td className="text-right tabular-nums">{c.employeeCount === null ? "—" : formatCount(c.employeeCount)}</Td>
              <Td>{c.country ?? <span className="text-muted-foreground">—</span>}</Td>
              <Td className="text-right tabular-nums">
                {c.contactCount ? (
                  <Link href={`/crm?company=${c.id}`} className="rounded underline-offset-2 hover:underline" aria-label={`${c.contactCount} contacts at ${c.name}`}>
                    {formatCount(c.contactCount)}
                  </Link>
                ) : (
                  "0"
                )}
              </Td>
            </Tr>
          ))}
        </tbody>
      </TableFrame>
      {query.isError ? <FormError message={`More companies could not be loaded: ${query.error.message}`} /> : null}
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-muted-foreground">
        <p role="status">
          Showing {rows.length} compan{rows.length === 1 ? "y" : "ies"}
          {cursor ? " (not from the first page)" : ""}
          {nextCursor ? "" : rows.length ? ", that is all." : "."}
        </p>
        <div className="flex items-center gap-2">
          {cursor ? (
            <Link href={serializeCompanySearchParams("/crm/companies", { q: q || null, cursor: null })} className={buttonClasses({ variant: "ghost", size: "sm" })}>
              Back to the first page
            </Link>
          ) : null}
          {nextCursor ? (
            <Link
              href={serializeCompanySearchParams("/crm/companies", { q: q || null, cursor: nextCursor })}
              onClick={(e) => {
                e.preventDefault();
                if (!loading) void query.fetchNextPage();
              }}
              aria-disabled={loading || undefined}
              aria-busy={loading || undefined}
              className={buttonClasses({ variant: "outline", size: "sm" })}
            >
              {loading ? "Loading…" : "Load more"}
            </Link>
          ) : null}
        </div>
      </div>
    </div>
  );
}
