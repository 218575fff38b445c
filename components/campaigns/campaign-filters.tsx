"use client";
// The campaigns list's search, status filter and sort, kept in the URL (nuqs) so the server renders the matching page.
// Never keep a cursor across a filter change: a new filter always starts from the first page.
import { useState, useTransition } from "react";
import { debounce, useQueryStates } from "nuqs";
import { CAMPAIGN_STATUSES } from "@/lib/campaigns/schemas";
import { campaignSearchParams } from "@/app/(app)/campaigns/search-params";
import { Input, NativeSelect } from "@/components/ui/input";
import { STATUS_LABELS } from "./status-badge";

const SORT_LABELS = {
  newest: "Newest first",
  oldest: "Oldest first",
  name: "Name (A–Z)",
  start: "Start date",
  budget: "Budget (highest first)",
} as const;

export function CampaignFilters() {
  const [pending, startTransition] = useTransition();
  const [params, setParams] = useQueryStates(campaignSearchParams, { shallow: false, startTransition });
  const [draft, setDraft] = useState(params.q);

  return (
    <form role="search" aria-label="Filter campaigns" className="mb-4 grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-end" onSubmit={(e) => e.preventDefault()}>
      <div className="grid gap-1.5">
        <label htmlFor="campaign-search" className="text-sm font-medium">
          Search by name
        </label>
        <Input
          id="campaign-search"
          type="search"
          value={draft}
          placeholder="e.g. Spring launch"
          maxLength={100}
          onChange={(e) => {
            const v = e.target.value;
            setDraft(v);
            void setParams({ q: v.trim() ? v : null, cursor: null }, { limitUrlUpdates: v ? debounce(350) : undefined });
          }}
        />
      </div>
      <div className="grid gap-1.5">
        <label htmlFor="campaign-status" className="text-sm font-medium">
          Status
        </label>
        <NativeSelect
          id="campaign-status"
          value={params.status ?? ""}
          onChange={(e) => {
            const v = e.target.value;
            const status = (CAMPAIGN_STATUSES as readonly string[]).includes(v) ? (v as (typeof CAMPAIGN_STATUSES)[number]) : null;
            void setParams({ status, cursor: null });
          }}
        >
          <option value="">All statuses</option>
          {CAMPAIGN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div className="grid gap-1.5">
        <label htmlFor="campaign-sort" className="text-sm font-medium">
          Sort
        </label>
        <NativeSelect
          id="campaign-sort"
          value={params.sort}
          onChange={(e) => void setParams({ sort: e.target.value as keyof typeof SORT_LABELS, cursor: null })}
        >
          {Object.entries(SORT_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </NativeSelect>
      </div>
      <p role="status" className="text-xs text-muted-foreground sm:col-span-3">
        {pending ? "Updating results…" : ""}
      </p>
    </form>
  );
}
