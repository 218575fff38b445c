"use client";
// The enrichment runs of this workspace, newest first: what each run covered, its status and progress, its counts, what
// failed and why, and cancel for a run still going. The first page comes from the server; more load by keyset cursor.
// Never poll when no run is going, and never page with offsets.
import Link from "next/link";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { formatTimestamp } from "@/components/format";
import { LoadMoreLink } from "@/components/ui/load-more-link";
import { buttonClasses, Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormError } from "@/components/ui/form-error";
import { TableFrame, Td, Th, Tr } from "@/components/ui/table";
import { formatCount } from "./crm-format";
import { apiJson, ENRICHMENT_RUNS_KEY, ENRICHMENT_RUNS_PAGE_SIZE, enrichmentRunPagesKey, isRunActive, type EnrichmentRunJson } from "./enrichment-api";
import { EnrichmentRunStatusBadge } from "./enrichment-run-status-badge";
import { summariseRun } from "./enrichment-run-summary";

const POLL_MS = 3000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Page {
  items: EnrichmentRunJson[];
  nextCursor: string | null;
}

/** What the run covered, linked where there is a page for it. */
function RunTarget({ run, segmentNames }: { run: EnrichmentRunJson; segmentNames: Record<string, string> }) {
  const link = "rounded font-medium underline-offset-2 hover:underline";
  switch (run.scope) {
    case "segment":
      return (
        <Link href={`/crm/segments/${run.targetId}`} className={link}>
          {segmentNames[run.targetId] ? `Segment “${segmentNames[run.targetId]}”` : "A segment"}
        </Link>
      );
    case "import":
      return (
        <Link href={`/crm/imports/${run.targetId}`} className={link}>
          Contacts of an import
        </Link>
      );
    case "contact":
      return (
        <Link href={`/crm/contacts/${run.targetId}`} className={link}>
          One contact
        </Link>
      );
    default:
      // "contacts": one id, or a label such as "50 contacts".
      return UUID.test(run.targetId) ? (
        <Link href={`/crm/contacts/${run.targetId}`} className={link}>
          1 selected contact
        </Link>
      ) : (
        <span className="font-medium">Selected contacts</span>
      );
  }
}

function RunProgressCell({ run }: { run: EnrichmentRunJson }) {
  const pct = Math.round(run.progress * 100);
  const tone = summariseRun(run).tone;
  return (
    <div className="grid min-w-32 gap-1">
      <div
        role="progressbar"
        aria-label="Run progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="h-2 overflow-hidden rounded-full bg-muted"
      >
        <div
          className={cn("h-full rounded-full", tone === "danger" ? "bg-danger" : tone === "warning" ? "bg-amber-500" : "bg-primary")}
          style={{ width: `${pct}%` }}
        />
      </div>
      <span className="text-xs text-muted-foreground tabular-nums">
        {formatCount(run.done + run.failed)} / {formatCount(run.total)}
      </span>
    </div>
  );
}

export function EnrichmentRunsList({
  initialPage,
  start,
  timeZone,
  memberNames,
  segmentNames,
  canWrite,
}: {
  initialPage: Page;
  /** The cursor the server-rendered page started from ("" for the newest runs). */
  start: string;
  timeZone: string;
  memberNames: Record<string, string>;
  segmentNames: Record<string, string>;
  canWrite: boolean;
}) {
  const queryClient = useQueryClient();
  const query = useInfiniteQuery({
    queryKey: enrichmentRunPagesKey(start),
    queryFn: async ({ pageParam }): Promise<Page> => {
      const params = new URLSearchParams({ limit: String(ENRICHMENT_RUNS_PAGE_SIZE) });
      if (pageParam) params.set("cursor", pageParam);
      const res = await apiJson<Page>(`/api/v1/enrichment/runs?${params}`);
      if (!res.ok) throw new Error(res.message);
      return res.data;
    },
    initialPageParam: start,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: { pages: [initialPage], pageParams: [start] },
    staleTime: 5_000,
    // While a run is going, re-read the loaded pages so its progress and problems move.
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some(isRunActive)) ? POLL_MS : false),
  });
  const runs = query.data?.pages.flatMap((p) => p.items) ?? [];
  const nextCursor = query.data?.pages[query.data.pages.length - 1]?.nextCursor ?? null;
  const { isFetchingNextPage, fetchNextPage } = query;

  async function cancel(id: string): Promise<string | null> {
    const res = await apiJson<EnrichmentRunJson>(`/api/v1/enrichment/runs/${id}/cancel`, { method: "POST" });
    void queryClient.invalidateQueries({ queryKey: ENRICHMENT_RUNS_KEY });
    return res.ok ? null : res.message;
  }

  return (
    <div className="grid gap-3">
      <TableFrame label="Enrichment runs">
        <thead>
          <tr>
            <Th>Run</Th>
            <Th>Status</Th>
            <Th>Progress</Th>
            <Th className="text-right">Enriched</Th>
            <Th className="text-right">Failed</Th>
            <Th className="text-right">Fields filled</Th>
            <Th>Problems</Th>
            <Th>Started</Th>
            {canWrite ? (
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const s = summariseRun(run);
            return (
              <Tr key={run.id} id={`run-${run.id}`} className="scroll-mt-24 target:bg-primary/10">
                <Td className="max-w-64">
                  <RunTarget run={run} segmentNames={segmentNames} />
                  <div className="text-xs text-muted-foreground">{formatCount(run.total)} contact{run.total === 1 ? "" : "s"}</div>
                </Td>
                <Td>
                  <EnrichmentRunStatusBadge run={run} />
                </Td>
                <Td>
                  <RunProgressCell run={run} />
                </Td>
                <Td className="text-right tabular-nums">{formatCount(run.done)}</Td>
                <Td className={cn("text-right tabular-nums", run.failed > 0 && "text-danger")}>{formatCount(run.failed)}</Td>
                <Td className="text-right tabular-nums">{formatCount(run.fieldsFilled)}</Td>
                <Td className="max-w-96 text-sm">
                  {s.problems.length ? (
                    <ul className="grid gap-0.5">
                      {s.problems.map((p) => (
                        <li key={p} className="break-words">
                          {p}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="text-muted-foreground">{isRunActive(run) ? "None so far" : "None"}</span>
                  )}
                </Td>
                <Td className="whitespace-nowrap text-muted-foreground">
                  {formatTimestamp(run.createdAt, timeZone)}
                  {run.createdByUserId ? <div className="text-xs">by {memberNames[run.createdByUserId] ?? "a former member"}</div> : null}
                </Td>
                {canWrite ? (
                  <Td>
                    {isRunActive(run) ? (
                      <ConfirmDialog
                        trigger={
                          <Button variant="ghost" size="sm">
                            Cancel run
                          </Button>
                        }
                        title="Stop this enrichment run?"
                        description={`Contacts already enriched (${formatCount(run.done)} of ${formatCount(run.total)}) keep what was filled; the rest are left as they are.`}
                        confirmLabel="Stop run"
                        onConfirm={() => cancel(run.id)}
                      />
                    ) : null}
                  </Td>
                ) : null}
              </Tr>
            );
          })}
        </tbody>
      </TableFrame>
      {query.isError ? <FormError message={`Runs could not be loaded: ${query.error.message}`} /> : null}
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted-foreground">
        <p role="status">
          {isFetchingNextPage ? "Loading older runs… " : ""}
          Showing {formatCount(runs.length)} run{runs.length === 1 ? "" : "s"}
          {start ? " (not from the newest)" : ""}
          {nextCursor ? "." : runs.length ? ", that is all." : "."}
        </p>
        <div className="flex gap-2">
          {start ? (
            <Link href="/crm/enrichment" className={buttonClasses({ variant: "ghost", size: "sm" })}>
              Newest runs
            </Link>
          ) : null}
          {nextCursor ? (
            <LoadMoreLink href={`/crm/enrichment?cursor=${encodeURIComponent(nextCursor)}`} loading={isFetchingNextPage} onLoad={() => void fetchNextPage()} />
          ) : null}
        </div>
      </div>
    </div>
  );
}
