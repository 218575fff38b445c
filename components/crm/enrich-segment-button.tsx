"use client";
// "Enrich segment" on a segment's page: says how many contacts the run will cover (counted when the dialog opens), then
// starts one enrichment run over the whole segment; its progress shows in the page's enrichment banner.
// Never start a run without the count on screen, and never enrich only a loaded page of the segment.
import { useState } from "react";
import { WandSparkles } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { formatCount } from "./crm-format";
import { CrmDialog } from "./crm-dialog";
import { useStartEnrichment } from "./enrichment-runs-provider";
import { useSegmentCount } from "./use-segment-count";

export function EnrichSegmentButton({ segmentId, name }: { segmentId: string; name: string }) {
  const start = useStartEnrichment();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Count again every time the dialog opens: a dynamic segment changes as contacts do.
  const count = useSegmentCount(segmentId, { enabled: open, staleTime: 0 });
  if (!start) return null;

  async function confirm() {
    if (!start) return;
    setError(null);
    setPending(true);
    try {
      const message = await start({ scope: "segment", segmentId });
      if (message) setError(message);
      else setOpen(false);
    } finally {
      setPending(false);
    }
  }

  const n = count.data;
  return (
    <CrmDialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setError(null);
      }}
      trigger={
        <Button variant="outline">
          <WandSparkles aria-hidden className="size-4" />
          Enrich segment
        </Button>
      }
      title="Enrich this segment"
      description={`Runs enrichment over every contact in “${name}” as it stands now, not just the ones shown on this page.`}
    >
      <div className="grid gap-4">
        <div aria-live="polite" className="text-sm">
          {count.isPending ? (
            <p className="text-muted-foreground">Counting the segment’s contacts…</p>
          ) : count.isError ? (
            <FormError message={`The segment could not be counted: ${count.error.message}`} />
          ) : n === 0 ? (
            <p>This segment has no contacts to enrich.</p>
          ) : (
            <p>
              <span className="font-semibold tabular-nums">{formatCount(n ?? 0)}</span> contact{n === 1 ? "" : "s"} will be enriched in the background. Website lookups
              are rate-limited, so a large segment takes a while; progress shows on this page and under Enrichment. Values people entered are never overwritten.
            </p>
          )}
        </div>
        <FormError message={error} />
        <div className="flex justify-end gap-2">
          <Button variant="outline" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button pending={pending} disabled={!n} onClick={() => void confirm()}>
            {n ? `Enrich ${formatCount(n)} contact${n === 1 ? "" : "s"}` : "Enrich"}
          </Button>
        </div>
      </div>
    </CrmDialog>
  );
}
