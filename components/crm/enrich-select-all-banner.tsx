"use client";
// The Gmail-style banner under the bulk bar when every loaded contact of a segment-filtered list is selected: offers the
// whole segment for enrichment, and says plainly what then covers the segment (Enrich) and what the loaded rows only.
// Never imply other bulk actions reach unloaded contacts: only enrichment runs over the whole segment.
import { formatCount } from "./crm-format";

export function EnrichSelectAllBanner({
  loaded,
  total,
  wholeSegment,
  onSelectSegment,
  onSelectLoaded,
}: {
  /** Loaded contacts, all selected. */
  loaded: number;
  /** The segment's size now; null while it is counted. */
  total: number | null;
  wholeSegment: boolean;
  onSelectSegment: () => void;
  onSelectLoaded: () => void;
}) {
  const totalText = total === null ? "" : formatCount(total);
  return (
    <div role="region" aria-label="Select the whole segment" className="flex flex-wrap items-center justify-center gap-x-2 gap-y-1 rounded-md bg-muted px-3 py-2 text-center text-sm">
      <p aria-live="polite">
        {wholeSegment
          ? `All ${totalText} contacts in this segment are selected for enrichment. Tag, stage, owner, add to list and delete apply to the ${formatCount(loaded)} loaded contacts only.`
          : `All ${formatCount(loaded)} loaded contacts are selected.`}
      </p>
      {/* One button in both states, so keyboard focus stays on it when it flips. */}
      <button
        type="button"
        disabled={!wholeSegment && total === null}
        onClick={wholeSegment ? onSelectLoaded : onSelectSegment}
        className="rounded font-medium text-primary underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring disabled:cursor-wait disabled:opacity-60"
      >
        {wholeSegment ? `Select only the ${formatCount(loaded)} loaded` : total === null ? "Counting the segment…" : `Select all ${totalText} in this segment`}
      </button>
    </div>
  );
}
