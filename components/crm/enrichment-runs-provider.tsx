"use client";
// Bulk enrichment on the contacts list: starts a run for the selected contacts and shows every active run's progress,
// polling the run list until it settles. Never poll when nothing is running, and never keep a finished run on screen unasked.
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { WandSparkles, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { crmQueryKeys } from "@/lib/query-keys";
import { apiJson, isRunActive, type EnrichmentRunJson } from "./enrichment-api";
import { refreshContactLists } from "./refresh-contacts";

const POLL_MS = 2000;
const RUNS_KEY = [...crmQueryKeys.all, "enrichment-runs"] as const;

type StartRun = (ids: string[]) => Promise<string | null>;
const EnrichContext = createContext<StartRun | null>(null);

/** Starts a bulk enrichment run; null when done, else the error message. Outside the provider: unavailable. */
export function useStartEnrichment(): StartRun | null {
  return useContext(EnrichContext);
}

export function EnrichmentRunsProvider({ children }: { children: ReactNode }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [tracked, setTracked] = useState<string[]>([]);
  const [dismissed, setDismissed] = useState<string[]>([]);
  const settled = useRef(new Set<string>());
  const primed = useRef(false);

  const runs = useQuery({
    queryKey: RUNS_KEY,
    queryFn: async (): Promise<EnrichmentRunJson[]> => {
      const res = await apiJson<{ items: EnrichmentRunJson[] }>("/api/v1/enrichment/runs?limit=10");
      if (!res.ok) throw new Error(res.message);
      const items = res.data.items.filter((r) => r.scope !== "contact");
      // A run that settles changes contacts: refresh the lists once, when it is first seen settled.
      let changed = false;
      for (const r of items) {
        if (!isRunActive(r) && !settled.current.has(r.id)) {
          settled.current.add(r.id);
          changed = true;
        }
      }
      // The first load only learns which runs had settled before this page opened.
      if (changed && primed.current) void refreshContactLists(queryClient);
      primed.current = true;
      return items;
    },
    refetchInterval: (q) => (q.state.data?.some(isRunActive) ? POLL_MS : false),
    staleTime: 0,
  });

  const start = useCallback<StartRun>(
    async (ids) => {
      const res = await apiJson<EnrichmentRunJson>("/api/v1/enrichment/runs", { method: "POST", body: { scope: "contacts", ids } });
      if (!res.ok) return res.message;
      setTracked((t) => [...t, res.data.id]);
      toast.success(`Enrichment started for ${ids.length} contact${ids.length === 1 ? "" : "s"}.`);
      void queryClient.invalidateQueries({ queryKey: RUNS_KEY });
      return null;
    },
    [queryClient, toast],
  );

  async function cancel(id: string) {
    const res = await apiJson<EnrichmentRunJson>(`/api/v1/enrichment/runs/${id}/cancel`, { method: "POST" });
    if (!res.ok) toast.error(res.message);
    void queryClient.invalidateQueries({ queryKey: RUNS_KEY });
  }

  // Active runs always show (a reload keeps their progress); finished ones only if started here and not dismissed.
  const shown = (runs.data ?? []).filter((r) => !dismissed.includes(r.id) && (isRunActive(r) || tracked.includes(r.id)));

  return (
    <EnrichContext.Provider value={start}>
      {shown.length ? (
        <section aria-label="Enrichment runs" className="mb-4 grid gap-2">
          {shown.map((r) => (
            <RunProgress key={r.id} run={r} onCancel={() => void cancel(r.id)} onDismiss={() => setDismissed((d) => [...d, r.id])} />
          ))}
        </section>
      ) : null}
      {children}
    </EnrichContext.Provider>
  );
}

function RunProgress({ run, onCancel, onDismiss }: { run: EnrichmentRunJson; onCancel: () => void; onDismiss: () => void }) {
  const active = isRunActive(run);
  const pct = Math.round(run.progress * 100);
  const settledCount = run.done + run.failed;
  const summary = active
    ? `${run.status === "queued" ? "Queued" : "Enriching"}: ${settledCount} of ${run.total} contacts, ${run.fieldsFilled} fields filled`
    : run.status === "completed"
      ? `Enrichment finished: ${run.done} of ${run.total} contacts enriched, ${run.fieldsFilled} fields filled${run.failed ? `, ${run.failed} failed` : ""}.`
      : `Enrichment ${run.status}: ${settledCount} of ${run.total} contacts done.`;
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-lg border border-border bg-card px-4 py-3 text-sm shadow-xs">
      <WandSparkles aria-hidden className="size-4 text-primary" />
      <div className="grid min-w-48 flex-1 gap-1.5">
        <p role="status">{summary}</p>
        <div
          role="progressbar"
          aria-label="Enrichment progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          className="h-2 overflow-hidden rounded-full bg-muted"
        >
          <div className="h-full rounded-full bg-primary transition-[width]" style={{ width: `${pct}%` }} />
        </div>
      </div>
      {active ? (
        <Button variant="ghost" size="sm" onClick={onCancel}>
          Cancel
        </Button>
      ) : (
        <button type="button" onClick={onDismiss} aria-label="Dismiss" className="rounded text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring">
          <X aria-hidden className="size-4" />
        </button>
      )}
    </div>
  );
}
