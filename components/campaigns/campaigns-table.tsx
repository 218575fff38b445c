"use client";
// The campaigns table: the server-rendered first page plus keyset "Load more" pages fetched through a server action.
// Never page with offsets, and never keep pages of one filter under another filter's key.
import Link from "next/link";
import { useState } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { queryKeys } from "@/lib/query-keys";
import { listCampaignsAction } from "@/app/(app)/campaigns/actions";
import { CAMPAIGNS_PAGE_SIZE, serializeCampaignSearchParams } from "@/app/(app)/campaigns/search-params";
import type { CAMPAIGN_SORTS, CAMPAIGN_STATUSES } from "@/lib/campaigns/schemas";
import { buttonClasses } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { TableFrame, Th } from "@/components/ui/table";
import { CampaignTableRow, toListItem, type CampaignListItem } from "./campaign-row";

interface Page {
  items: CampaignListItem[];
  nextCursor: string | null;
}

export interface CampaignFiltersValue {
  q: string;
  status: (typeof CAMPAIGN_STATUSES)[number] | null;
  sort: (typeof CAMPAIGN_SORTS)[number];
  cursor: string | null;
}

export function CampaignsTable({ initialPage, filters }: { initialPage: Page; filters: CampaignFiltersValue }) {
  const [wantMore, setWantMore] = useState(false);
  const after = initialPage.nextCursor;
  const query = useInfiniteQuery({
    queryKey: queryKeys.campaigns.list({ q: filters.q || null, status: filters.status, sort: filters.sort, after: after ?? "" }),
    queryFn: async ({ pageParam }): Promise<Page> => {
      const res = await listCampaignsAction({
        q: filters.q || undefined,
        status: filters.status ?? undefined,
        sort: filters.sort,
        cursor: pageParam,
        limit: CAMPAIGNS_PAGE_SIZE,
      });
      if (!res.ok) throw new Error(res.message);
      return { items: res.data.items.map(toListItem), nextCursor: res.data.nextCursor };
    },
    initialPageParam: after ?? "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: wantMore && !!after,
  });

  const extraPages = wantMore ? (query.data?.pages ?? []) : [];
  const rows = [...initialPage.items, ...extraPages.flatMap((p) => p.items)];
  const nextCursor = extraPages.length ? (extraPages[extraPages.length - 1]?.nextCursor ?? null) : after;
  const loading = query.isFetching;

  function loadMore() {
    if (!wantMore) setWantMore(true);
    else void query.fetchNextPage();
  }

  return (
    <div className="grid grid-cols-1 gap-3">
      <TableFrame label="Campaign list">
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>Status</Th>
            <Th>Dates</Th>
            <Th className="text-right">Budget</Th>
            <Th>Owner</Th>
            <Th>Tags</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <CampaignTableRow key={c.id} campaign={c} />
          ))}
        </tbody>
      </TableFrame>
      {query.isError ? <FormError message={`More campaigns could not be loaded: ${query.error.message}`} /> : null}
      <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-muted-foreground">
        <p role="status">
          Showing {rows.length} campaign{rows.length === 1 ? "" : "s"}
          {filters.cursor ? " (not from the first page)" : ""}
          {nextCursor ? "" : rows.length ? ", that is all." : "."}
        </p>
        <div className="flex items-center gap-2">
          {filters.cursor ? (
            <Link href={serializeCampaignSearchParams("/campaigns", { ...filters, cursor: null })} className={buttonClasses({ variant: "ghost", size: "sm" })}>
              Back to the first page
            </Link>
          ) : null}
          {nextCursor ? (
            // A real link, so "Load more" still pages (as "next page") without JavaScript.
            <Link
              href={serializeCampaignSearchParams("/campaigns", { ...filters, cursor: nextCursor })}
              onClick={(e) => {
                e.preventDefault();
                if (!loading) loadMore();
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
