"use client";
// The audit log table: actor, action, entity (linked to its page), before/after summary and time, with keyset "Load more".
// Never page with offsets; older pages load after the last cursor through the settings action.
import Link from "next/link";
import { useState } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { queryKeys } from "@/lib/query-keys";
import { listAuditAction } from "@/app/(app)/settings/actions";
import { formatTimestamp } from "@/components/format";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/form-error";
import { TableFrame, Td, Th, Tr } from "@/components/ui/table";
import { AUDIT_PAGE_SIZE, describeAction, entityView, mergeView, summariseChange, type AuditEntryView, type ChangeLine, type MergedContact } from "./audit-format";

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
    return <EmptyState title="Nothing recorded yet" description="Every change in this workspace (contacts, imports, campaigns, media, members, API keys and settings) is recorded here." />;
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
            const at = typeof e.createdAt === "string" ? e.createdAt : e.createdAt.toISOString();
            const entity = entityView(e);
            const merge = mergeView(e);
            return (
              <Tr key={e.id}>
                <Td className="whitespace-nowrap text-muted-foreground">
                  <time dateTime={at}>{formatTimestamp(at, timeZone)}</time>
                </Td>
                <Td className="max-w-48 truncate" title={e.actorLabel}>
                  {e.actorLabel}
                </Td>
                <Td className="min-w-44">
                  {describeAction(e.action)}
                  <span className="block font-mono text-xs text-muted-foreground">{e.action}</span>
                </Td>
                <Td className="max-w-64">
                  <span className="block text-xs whitespace-nowrap text-muted-foreground">{entity.type}</span>
                  {entity.href ? (
                    <Link href={entity.href} title={entity.title} className="block truncate rounded underline-offset-2 hover:underline">
                      {entity.name}
                    </Link>
                  ) : (
                    <span title={entity.title} className="block truncate">
                      {entity.name}
                    </span>
                  )}
                </Td>
                <Td className="min-w-64">{merge ? <MergeSummary winner={merge.winner} loser={merge.loser} fieldsTaken={merge.fieldsTaken} tags={merge.tags} /> : <Changes {...summariseChange(e)} />}</Td>
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

function Changes({ lines, more }: { lines: ChangeLine[]; more: number }) {
  if (!lines.length) return <span className="text-muted-foreground">—</span>;
  return (
    <ul className="grid gap-0.5 text-xs">
      {lines.map((l, i) => (
        <li key={i}>
          <span className="text-muted-foreground">{l.field}:</span>{" "}
          {l.before !== undefined && l.after !== undefined ? (
            <>
              <span className="text-muted-foreground">{l.before}</span> → {l.after}
            </>
          ) : l.after !== undefined ? (
            l.after
          ) : (
            <>was {l.before}</>
          )}
        </li>
      ))}
      {more ? <li className="text-muted-foreground">and {more} more</li> : null}
    </ul>
  );
}

function ContactRef({ c }: { c: MergedContact }) {
  const title = [c.name, c.email && c.email !== c.name ? c.email : null, c.id].filter(Boolean).join(" · ");
  return c.href ? (
    <Link href={c.href} title={title} className="font-medium underline underline-offset-2">
      {c.name}
    </Link>
  ) : (
    <span title={title} className="font-medium">
      {c.name}
    </span>
  );
}

/** A merge: which contact was folded into which, and what the kept contact took from the other. */
function MergeSummary({ winner, loser, fieldsTaken, tags }: { winner: MergedContact; loser: MergedContact; fieldsTaken: string[]; tags: string[] }) {
  return (
    <div className="grid gap-0.5 text-xs">
      <p>
        <ContactRef c={loser} /> <span className="text-muted-foreground">(removed, id {loser.id.slice(0, 8)})</span> merged into <ContactRef c={winner} />
      </p>
      <p>
        <span className="text-muted-foreground">Fields taken from the removed contact:</span> {fieldsTaken.length ? fieldsTaken.join(", ") : "none"}
      </p>
      {tags.length ? (
        <p>
          <span className="text-muted-foreground">Tags now:</span> {tags.join(", ")}
        </p>
      ) : null}
    </div>
  );
}
