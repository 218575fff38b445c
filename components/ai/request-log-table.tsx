"use client";
// The AI request log: the server-rendered first page plus keyset "Load more" pages fetched through listAiRequestsAction.
// Never page with offsets, and never keep pages of one filter under another filter's key.
import Link from "next/link";
import { useState } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { ScrollText } from "lucide-react";
import type { AiRequest } from "@/db/schema";
import type { AiTask } from "@/lib/gateway/types";
import { listAiRequestsAction } from "@/app/(app)/ai/actions";
import { AI_LOG_PAGE_SIZE, serializeAiSearchParams, type AiRequestStatus } from "@/app/(app)/ai/search-params";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/form-error";
import { TableFrame, Th } from "@/components/ui/table";
import { aiQueryKeys } from "@/lib/query-keys";
import { RequestLogRow } from "./request-log-row";

interface Page {
  items: AiRequest[];
  nextCursor: string | null;
}

export interface RequestLogFiltersValue {
  task: AiTask | null;
  status: AiRequestStatus | null;
  providerId: string | null;
  campaignId: string | null;
}

export function RequestLogTable({
  initialPage,
  filters,
  timeZone,
  providerNames,
  campaignNames,
  canUse,
}: {
  initialPage: Page;
  filters: RequestLogFiltersValue;
  timeZone: string;
  providerNames: Record<string, string>;
  campaignNames: Record<string, string>;
  canUse: boolean;
}) {
  const [wantMore, setWantMore] = useState(false);
  const after = initialPage.nextCursor;
  const query = useInfiniteQuery({
    queryKey: aiQueryKeys.requests({ ...filters, after: after ?? "" }),
    queryFn: async ({ pageParam }): Promise<Page> => {
      const res = await listAiRequestsAction({
        task: filters.task ?? undefined,
        status: filters.status ?? undefined,
        providerId: filters.providerId ?? undefined,
        campaignId: filters.campaignId ?? undefined,
        cursor: pageParam,
        limit: AI_LOG_PAGE_SIZE,
      });
      if (!res.ok) throw new Error(res.message);
      return res.data;
    },
    initialPageParam: after ?? "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: wantMore && !!after,
  });
  const extra = wantMore ? (query.data?.pages ?? []) : [];
  const rows = [...initialPage.items, ...extra.flatMap((p) => p.items)];
  const nextCursor = extra.length ? (extra[extra.length - 1]?.nextCursor ?? null) : after;
  const filtered = Boolean(filters.task || filters.status || filters.providerId || filters.campaignId);

  if (!rows.length) {
    return filtered ? (
      <EmptyState
        icon={<ScrollText aria-hidden />}
        title="No requests match these filters"
        description="Try another task, status, provider or campaign."
        action={
          <Link href={serializeAiSearchParams("/ai", { tab: "log" })} className={buttonClasses({ variant: "outline", size: "sm" })}>
            Clear filters
          </Link>
        }
      />
    ) : (
      <EmptyState
        icon={<ScrollText aria-hidden />}
        title="No AI requests yet"
        description="Every AI call in this workspace, from any feature or the REST API, is logged here with its attempts, tokens and cost."
        action={
          canUse ? (
            <Link href={serializeAiSearchParams("/ai", { tab: "playground" })} className={buttonClasses({ variant: "outline", size: "sm" })}>
              Try the playground
            </Link>
          ) : null
        }
      />
    );
  }

  return (
    <div className="grid grid-cols-1 gap-3">
      <TableFrame label="AI request log">
        <thead>
          <tr>
            <Th>Time</Th>
            <Th>Task</Th>
            <Th>Status / cache</Th>
            <Th>Provider</Th>
            <Th className="text-right whitespace-nowrap">Tokens in / out</Th>
            <Th className="text-right">Cost</Th>
            <Th className="text-right">Latency</Th>
            <Th>Campaign</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <RequestLogRow
              key={r.id}
              request={r}
              timeZone={timeZone}
              providerName={r.providerId ? (providerNames[r.providerId] ?? null) : r.providerKind === "offline" ? "Offline (built in)" : null}
              campaignName={r.campaignId ? (campaignNames[r.campaignId] ?? "A campaign") : null}
            />
          ))}
        </tbody>
      </TableFrame>
      {query.isError ? <FormError message={`Older requests could not be loaded: ${query.error.message}`} /> : null}
      <div className="flex items-center justify-between gap-3 text-sm text-muted-foreground">
        <p role="status">
          Showing {rows.length} request{rows.length === 1 ? "" : "s"}
          {nextCursor ? "." : filtered ? ", all that match." : ", the whole log."} Times are in the workspace&apos;s time zone.
        </p>
        {nextCursor ? (
          <Button variant="outline" size="sm" pending={query.isFetching} onClick={() => (wantMore ? void query.fetchNextPage() : setWantMore(true))}>
            Load more
          </Button>
        ) : null}
      </div>
    </div>
  );
}
