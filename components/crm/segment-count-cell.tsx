"use client";
// A saved segment's current size in the segments list, counted on demand per row so the list itself renders at once.
// Never block the list on counting: each row counts on its own, and a failure shows as a dash with the reason.
import { formatCount } from "./crm-format";
import { useSegmentCount } from "./use-segment-count";

export function SegmentCountCell({ id }: { id: string }) {
  const query = useSegmentCount(id, { staleTime: 60_000 });
  if (query.isPending) return <span className="text-muted-foreground" aria-label="Counting">…</span>;
  if (query.isError) return <span className="text-muted-foreground" title={query.error.message}>—</span>;
  return <span className="tabular-nums">{formatCount(query.data)}</span>;
}
