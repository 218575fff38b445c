"use client";
// The request log's filters (task, status, provider, campaign), kept in the URL (nuqs) so the server renders the matching first page.
// Never keep "Load more" pages across a filter change: the table's boundary is keyed by the filters and starts again.
import { useTransition } from "react";
import { useQueryStates } from "nuqs";
import { AI_TASKS, type AiTask } from "@/lib/gateway/types";
import { AI_REQUEST_STATUSES, aiSearchParams, type AiRequestStatus } from "@/app/(app)/ai/search-params";
import type { CampaignOption, ProviderOption } from "@/app/(app)/ai/picker-options";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/input";
import { kindLabel, STATUS_LABELS, TASK_LABELS } from "./ai-format";

const FILTER_PARAMS = {
  task: aiSearchParams.task,
  status: aiSearchParams.status,
  provider: aiSearchParams.provider,
  campaign: aiSearchParams.campaign,
};

export function RequestLogFilters({ providers, campaigns }: { providers: ProviderOption[]; campaigns: CampaignOption[] }) {
  const [pending, startTransition] = useTransition();
  const [params, setParams] = useQueryStates(FILTER_PARAMS, { shallow: false, startTransition });
  const filtered = Boolean(params.task || params.status || params.provider || params.campaign);
  const knownProvider = !params.provider || providers.some((p) => p.id === params.provider);
  const knownCampaign = !params.campaign || campaigns.some((c) => c.id === params.campaign);

  return (
    <form
      role="search"
      aria-label="Filter the request log"
      className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(4,minmax(0,1fr))_auto] lg:items-end"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="grid gap-1.5">
        <label htmlFor="log-task" className="text-sm font-medium">
          Task
        </label>
        <NativeSelect
          id="log-task"
          value={params.task ?? ""}
          onChange={(e) => void setParams({ task: (AI_TASKS as readonly string[]).includes(e.target.value) ? (e.target.value as AiTask) : null })}
        >
          <option value="">All tasks</option>
          {AI_TASKS.map((t) => (
            <option key={t} value={t}>
              {TASK_LABELS[t]}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <label htmlFor="log-status" className="text-sm font-medium">
          Status
        </label>
        <NativeSelect
          id="log-status"
          value={params.status ?? ""}
          onChange={(e) =>
            void setParams({ status: (AI_REQUEST_STATUSES as readonly string[]).includes(e.target.value) ? (e.target.value as AiRequestStatus) : null })
          }
        >
          <option value="">All statuses</option>
          {AI_REQUEST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <label htmlFor="log-provider" className="text-sm font-medium">
          Provider
        </label>
        <NativeSelect id="log-provider" value={params.provider ?? ""} onChange={(e) => void setParams({ provider: e.target.value || null })}>
          <option value="">All providers</option>
          {!knownProvider ? <option value={params.provider ?? ""}>A deleted provider</option> : null}
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({kindLabel(p.kind)})
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <label htmlFor="log-campaign" className="text-sm font-medium">
          Campaign
        </label>
        <NativeSelect id="log-campaign" value={params.campaign ?? ""} onChange={(e) => void setParams({ campaign: e.target.value || null })}>
          <option value="">All campaigns</option>
          {!knownCampaign ? <option value={params.campaign ?? ""}>Another campaign</option> : null}
          {campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </NativeSelect>
      </div>
      <Button variant="ghost" disabled={!filtered} onClick={() => void setParams({ task: null, status: null, provider: null, campaign: null })}>
        Clear filters
      </Button>
      <p role="status" className="text-xs text-muted-foreground sm:col-span-2 lg:col-span-5">
        {pending ? "Updating the log…" : ""}
      </p>
    </form>
  );
}
