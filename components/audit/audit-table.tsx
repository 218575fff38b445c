"use client";
// The audit log table: actor, action, entity, before/after summary and time, with keyset "Load more".
// Never page with offsets; older pages load after the last cursor through the settings action.
import { useState } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { queryKeys } from "@/lib/query-keys";
import { listAuditAction } from "@/app/(app)/settings/actions";
import { formatTimestamp } from "@/components/format";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/form-error";
import { TableFrame, Td, Th, Tr } from "@/components/ui/table";
import { AUDIT_PAGE_SIZE, describeAction, describeEntity, summariseChange, type AuditEntryView } from "./audit-format";

interface Page {
  entries: AuditEntryView[];
  nextCursor: string | null;
}

export function AuditTable({ initialPage, timeZone }: { initialPage: Page; timeZone: string }) {
  const [wantMore, setWantMore] = useState(false);
  const after = initialPage.nextCursor;
  const query = useInfiniteQuery({
    queryKey: queryKeys.audit.list(after ?? ""),
    queryFn: async ({ pageParam }): Promise<Page> => {
      const res = await listAuditAction({ cursor: pageParam, limit: AUDIT_PAGE_SIZE });
      if (!res.ok) throw new Error(res.message);
      return res.data;
    },
    initialPageParam: after ?? "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: wantMore && !!after,
  });
  const extra = wantMore ? (query.data?.pages ?? []) : [];
  const entries = [...initialPage.entries, ...extra.flatMap((p) => p.entries)];
  const nextCursor = extra.length ? (extra[extra.length - 1]?.nextCursor ?? null) : after;

  if (!entries.length) {
    return <EmptyState title="Nothing recorded yet" description="Every change to campaigns, members, invitations, API keys and settings is recorded here." />;
  }

  return (
    <div className="grid grid-cols-1 gap-3">
      <TableFrame label="Audit log entries">
        <thead>
          <tr>
            <Th>Time</Th>
            <Th>Actor</Th>
            <Th>Action</Th>
            <Th>Entity</Th>
            <Th>Changes</Th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const changes = summariseChange(e);
            const at = typeof e.createdAt === "string" ? e.createdAt : e.createdAt.toISOString();
            return (
              <Tr key={e.id}>
                <Td className="whitespace-nowrap text-muted-foreground">
                  <time dateTime={at}>{formatTimestamp(at, timeZone)}</time>
                </Td>
                <Td className="max-w-48 truncate" title={e.actorLabel}>
                  {e.actorLabel}
                </Td>
                <Td className="whitespace-nowrap">
                  {describeAction(e.action)}
                  <span className="block font-mono text-xs text-muted-foreground">{e.action}</span>
                </Td>
                <Td>{describeEntity(e)}</Td>
                <Td>
                  {changes.length ? (
                    <ul className="grid gap-0.5 text-xs">
                      {changes.map((c, i) => (
                        <li key={i}>{c}</li>
                      ))}
                    </ul>
                  ) : (
                    <span className="text-muted-foreground">—</span>
                  )}
                </Td>
              </Tr>
            );
          })}
        </tbody>
      </TableFrame>
      {query.isError ? <FormError message={`Older entries could not be loaded: ${query.error.message}`} /> : null}
      <div className="flex items-center justify-between gap-3 text-sm text-muted-foreground">
        <p role="status">
          Showing {entries.length} entr{entries.length === 1 ? "y" : "ies"}
          {nextCursor ? "" : ", the whole log."}
        </p>
        {nextCursor ? (
          <Button
            variant="outline"
            size="sm"
            pending={query.isFetching}
            onClick={() => (wantMore ? void query.fetchNextPage() : setWantMore(true))}
          >
            Load more
          </Button>
        ) : null}
      </div>
    </div>
  );
}
