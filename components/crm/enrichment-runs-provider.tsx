"use client";
// Bulk enrichment where contacts are listed: starts a run (selected contacts, or a whole segment) and shows every active
// run's progress, polling the run list until it settles. Never poll when nothing is running, and never keep a finished run
// on screen unasked; a finished run's banner says what failed and links to the run on the runs page.
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useToast } from "@/components/ui/toast";
import { formatCount } from "./crm-format";
import { apiJson, ENRICHMENT_RUNS_KEY, isRunActive, type EnrichmentRunJson } from "./enrichment-api";
import { EnrichmentRunProgress } from "./enrichment-run-progress";
import { refreshContactLists } from "./refresh-contacts";

const POLL_MS = 2000;
const RUNS_KEY = [...ENRICHMENT_RUNS_KEY, "recent"] as const;

/** What to enrich: contacts by id (the loaded, selected rows), or every current member of a segment. */
export type EnrichTarget = { scope: "contacts"; ids: string[] } | { scope: "segment"; segmentId: string };

/** Starts a bulk enrichment run; null when started, else the error message. */
type StartRun = (target: EnrichTarget) => Promise<string | null>;

interface EnrichmentRunsValue {
  start: StartRun;
  shown: EnrichmentRunJson[];
  cancel: (id: string) => void;
  dismiss: (id: string) => void;
}

const EnrichContext = createContext<EnrichmentRunsValue | null>(null);

/** Starts a bulk enrichment run. Outside the provider: null (enrichment is not offered there). */
export function useStartEnrichment(): StartRun | null {
  return useContext(EnrichContext)?.start ?? null;
}

export function EnrichmentRunsProvider({
  children,
  showProgress = true,
  target,
}: {
  children: ReactNode;
  /** Render the progress banners above the children; false when the page places <EnrichmentRunsProgress /> itself. */
  showProgress?: boolean;
  /** Show only the runs over this target (e.g. one segment's page). */
  target?: { scope: string; targetId: string };
}) {
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
    async (t) => {
      const body = t.scope === "segment" ? { scope: "segment", segmentId: t.segmentId } : { scope: "contacts", ids: t.ids };
      const res = await apiJson<EnrichmentRunJson>("/api/v1/enrichment/runs", { method: "POST", body });
      if (!res.ok) return res.message;
      setTracked((ids) => [...ids, res.data.id]);
      const n = res.data.total;
      const who = `${formatCount(n)} contact${n === 1 ? "" : "s"}`;
      toast.success(t.scope === "segment" ? `Enrichment started for the segment's ${who}.` : `Enrichment started for ${who}.`);
      void queryClient.invalidateQueries({ queryKey: ENRICHMENT_RUNS_KEY });
      return null;
    },
    [queryClient, toast],
  );

  const cancel = useCallback(
    async (id: string) => {
      const res = await apiJson<EnrichmentRunJson>(`/api/v1/enrichment/runs/${id}/cancel`, { method: "POST" });
      if (!res.ok) toast.error(res.message);
      void queryClient.invalidateQueries({ queryKey: ENRICHMENT_RUNS_KEY });
    },
    [queryClient, toast],
  );

  // Active runs always show (a reload keeps their progress); finished ones only if started here and not dismissed.
  const shown = (runs.data ?? []).filter(
    (r) =>
      !dismissed.includes(r.id) &&
      (isRunActive(r) || tracked.includes(r.id)) &&
      (!target || (r.scope === target.scope && r.targetId === target.targetId)),
  );
  const value: EnrichmentRunsValue = {
    start,
    shown,
    cancel: (id) => void cancel(id),
    dismiss: (id) => setDismissed((d) => [...d, id]),
  };

  return (
    <EnrichContext.Provider value={value}>
      {showProgress ? <EnrichmentRunsProgress /> : null}
      {children}
    </EnrichContext.Provider>
  );
}

/** The progress banners of the provider's runs, where the page wants them. */
export function EnrichmentRunsProgress() {
  const ctx = useContext(EnrichContext);
  if (!ctx?.shown.length) return null;
  return (
    <section aria-label="Enrichment runs" className="mb-4 grid gap-2">
      {ctx.shown.map((r) => (
        <EnrichmentRunProgress key={r.id} run={r} onCancel={() => ctx.cancel(r.id)} onDismiss={() => ctx.dismiss(r.id)} />
      ))}
    </section>
  );
}
