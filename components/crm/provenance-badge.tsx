"use client";
// The small badge next to an enriched field: which provider filled it, how sure it was, and when (hover or focus for detail).
// Never show it for a field without provenance: a badge must not suggest a value was enriched when a person typed it.
import { Tooltip } from "radix-ui";
import { Sparkles } from "lucide-react";
import type { FieldProvenance } from "@/db/schema";
import { formatTimestamp } from "@/components/format";
import { formatConfidence, providerLabel } from "./crm-format";

export function ProvenanceBadge({ field, provenance, timeZone }: { field: string; provenance: FieldProvenance | undefined; timeZone: string }) {
  if (!provenance) return null;
  const who = providerLabel(provenance.provider);
  const pct = formatConfidence(provenance.confidence);
  const when = formatTimestamp(provenance.at, timeZone);
  const full = `${field} filled by ${who} with ${pct} confidence on ${when}`;
  return (
    <Tooltip.Provider delayDuration={150}>
      <Tooltip.Root>
        <Tooltip.Trigger asChild>
          <button
            type="button"
            aria-label={full}
            className="inline-flex items-center gap-1 rounded-full border border-sky-200 bg-sky-50 px-1.5 py-px text-[11px] font-medium text-sky-800 focus-visible:outline-2 focus-visible:outline-ring dark:border-sky-900 dark:bg-sky-950 dark:text-sky-200"
          >
            <Sparkles aria-hidden className="size-3" />
            {who} · {pct}
          </button>
        </Tooltip.Trigger>
        <Tooltip.Portal>
          <Tooltip.Content sideOffset={4} className="z-[70] max-w-xs rounded-md border border-border bg-card px-2.5 py-1.5 text-xs text-card-foreground shadow-md">
            <p className="font-medium">Enriched by {who}</p>
            <p className="text-muted-foreground">
              Confidence {pct} · {when}
            </p>
            <Tooltip.Arrow className="fill-card" />
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>
    </Tooltip.Provider>
  );
}
