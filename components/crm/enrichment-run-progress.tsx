"use client";
// One enrichment run's banner: headline and counts, a progress bar, what failed (per provider, with a reason), a link to
// the run on the runs page, and cancel or dismiss. Never show a run whose providers failed as a plain success.
import Link from "next/link";
import { TriangleAlert, WandSparkles, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { enrichmentRunHref, isRunActive, type EnrichmentRunJson } from "./enrichment-api";
import { summariseRun, type RunTone } from "./enrichment-run-summary";

const FRAME: Record<RunTone, string> = {
  info: "border-border bg-card",
  success: "border-emerald-200 bg-card dark:border-emerald-900",
  neutral: "border-border bg-card",
  warning: "border-amber-300 bg-amber-50/60 dark:border-amber-900 dark:bg-amber-950/40",
  danger: "border-red-300 bg-red-50/60 dark:border-red-900 dark:bg-red-950/40",
};

export function EnrichmentRunProgress({ run, onCancel, onDismiss }: { run: EnrichmentRunJson; onCancel: () => void; onDismiss: () => void }) {
  const active = isRunActive(run);
  const pct = Math.round(run.progress * 100);
  const s = summariseRun(run);
  const Icon = !active && s.hasProblems ? TriangleAlert : WandSparkles;
  return (
    <div className={cn("flex flex-wrap items-start gap-3 rounded-lg border px-4 py-3 text-sm shadow-xs", FRAME[s.tone])}>
      <Icon aria-hidden className={cn("mt-0.5 size-4", s.tone === "danger" ? "text-danger" : s.tone === "warning" ? "text-amber-600" : "text-primary")} />
      <div className="grid min-w-48 flex-1 gap-1.5">
        <div role="status" className="grid gap-0.5">
          <p>
            <span className="font-medium">{s.headline}:</span> {s.counts}
          </p>
          {s.problems.length ? (
            <ul aria-label="Problems" className="grid gap-0.5 text-muted-foreground">
              {s.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </div>
        <div
          role="progressbar"
          aria-label="Enrichment progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          className="h-2 overflow-hidden rounded-full bg-muted"
        >
          <div className={cn("h-full rounded-full transition-[width]", s.tone === "danger" ? "bg-danger" : s.tone === "warning" ? "bg-amber-500" : "bg-primary")} style={{ width: `${pct}%` }} />
        </div>
      </div>
      <Link href={enrichmentRunHref(run.id)} className="self-center rounded text-sm font-medium text-primary underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-ring">
        View run
      </Link>
      {active ? (
        <Button variant="ghost" size="sm" onClick={onCancel} className="self-center">
          Cancel
        </Button>
      ) : (
        <button
          type="button"
          onClick={onDismiss}
          aria-label="Dismiss"
          className="self-center rounded text-muted-foreground hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
        >
          <X aria-hidden className="size-4" />
        </button>
      )}
    </div>
  );
}
