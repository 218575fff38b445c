// An enrichment run's status as a labelled badge: a finished run whose providers failed reads as a problem, not "Completed".
// Never decide the wording here: summariseRun owns what counts as a problem.
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { EnrichmentRunJson } from "./enrichment-api";
import { summariseRun } from "./enrichment-run-summary";

export function enrichmentRunStatusLabel(run: EnrichmentRunJson): { label: string; tone: BadgeTone } {
  switch (run.status) {
    case "queued":
      return { label: "Queued", tone: "info" };
    case "running":
      return { label: "Running", tone: "info" };
    case "failed":
      return { label: "Failed", tone: "danger" };
    case "cancelled":
      return { label: "Cancelled", tone: "neutral" };
    case "completed": {
      const s = summariseRun(run);
      if (!s.hasProblems) return { label: "Completed", tone: "success" };
      return s.tone === "danger" ? { label: "Nothing filled", tone: "danger" } : { label: "Completed with problems", tone: "warning" };
    }
  }
}

export function EnrichmentRunStatusBadge({ run }: { run: EnrichmentRunJson }) {
  const { label, tone } = enrichmentRunStatusLabel(run);
  return <Badge tone={tone}>{label}</Badge>;
}
