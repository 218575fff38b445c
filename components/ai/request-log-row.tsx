"use client";
// One request-log row (time, task, status, provider, tokens, cost, latency, cache, campaign) and, when expanded, its attempts and error.
// Never show prompts or answers here: the log keeps only metadata, and this row shows only what the log keeps.
import { Fragment, useState } from "react";
import { ChevronRight } from "lucide-react";
import type { AiRequest } from "@/db/schema";
import { formatMicros } from "@/lib/gateway/pricing";
import type { AiRequestStatus } from "@/app/(app)/ai/search-params";
import { formatTimestamp } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Td, Tr } from "@/components/ui/table";
import { formatCount, formatLogTime, formatMs, kindLabel, STATUS_LABELS, STATUS_TONES, taskLabel } from "./ai-format";
import { AttemptsList } from "./attempts-list";

export const LOG_COLUMNS = 8;

export function RequestLogRow({
  request: r,
  timeZone,
  providerName,
  campaignName,
}: {
  request: AiRequest;
  timeZone: string;
  providerName: string | null;
  campaignName: string | null;
}) {
  const [open, setOpen] = useState(false);
  const at = typeof r.createdAt === "string" ? r.createdAt : r.createdAt.toISOString();
  const status = r.status as AiRequestStatus;
  const detailsId = `ai-request-${r.id}`;
  const time = formatLogTime(at, timeZone);
  return (
    <Fragment>
      <Tr className={cn(open && "bg-muted/30")}>
        <Td className="whitespace-nowrap">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={() => setOpen(!open)}
            className="inline-flex items-center gap-1 rounded text-left hover:text-primary focus-visible:outline-2 focus-visible:outline-ring"
          >
            <ChevronRight aria-hidden className={cn("size-4 shrink-0 transition-transform", open && "rotate-90")} />
            <time dateTime={at} title={formatTimestamp(at, timeZone)}>
              {time}
            </time>
            <span className="sr-only">: {open ? "hide" : "show"} attempts</span>
          </button>
        </Td>
        <Td className="whitespace-nowrap">
          {taskLabel(r.task)}
          {r.stream ? <span className="block text-xs text-muted-foreground">streamed</span> : null}
        </Td>
        <Td>
          <div className="flex flex-wrap gap-1">
            <Badge tone={STATUS_TONES[status] ?? "neutral"}>{STATUS_LABELS[status] ?? r.status}</Badge>
            {r.cacheHit ? <Badge tone="info">Cache hit</Badge> : null}
          </div>
        </Td>
        <Td>
          {r.providerKind ? (
            <>
              <span className="whitespace-nowrap">{providerName ?? kindLabel(r.providerKind)}</span>
              <span className="block font-mono text-xs text-muted-foreground">{r.model ?? "—"}</span>
            </>
          ) : (
            <span className="text-muted-foreground">—</span>
          )}
        </Td>
        <Td className="text-right whitespace-nowrap tabular-nums">
          {formatCount(r.tokensIn)} / {formatCount(r.tokensOut)}
        </Td>
        <Td className="text-right tabular-nums">{formatMicros(r.costMicros)}</Td>
        <Td className="text-right whitespace-nowrap tabular-nums">{formatMs(r.latencyMs)}</Td>
        <Td>
          {campaignName ? (
            <span className="block max-w-36 truncate" title={campaignName}>
              {campaignName}
            </span>
          ) : (
            <span className="text-muted-foreground">—</span>
          )}
        </Td>
      </Tr>
      <tr id={detailsId} hidden={!open}>
        <td colSpan={LOG_COLUMNS} className="border-b border-border bg-muted/20 px-4 py-3">
          {open ? (
            <div className="grid gap-3">
              {r.errorCode ? (
                <p className="text-sm">
                  <span className="font-mono text-xs text-danger">{r.errorCode}</span> <span>{r.errorMessage}</span>
                </p>
              ) : null}
              <AttemptsList attempts={r.attempts} label={`Attempts of the request at ${time}`} />
              <p className="text-xs text-muted-foreground">
                Request <span className="font-mono">{r.id}</span>
                {r.actorLabel ? <> · by {r.actorLabel}</> : null}
              </p>
            </div>
          ) : null}
        </td>
      </tr>
    </Fragment>
  );
}
