"use client";
// A saved segment's current size in the segments list, counted on demand per row so the list itself renders at once.
// Never block the list on counting: each row counts on its own, and a failure shows as a dash with the reason.
import { useQuery } from "@tanstack/react-query";
import { countSegmentAction } from "@/app/(app)/crm/actions";
import { formatCount } from "./crm-format";
import { crmQueryKeys } from "@/lib/query-keys";

export function SegmentCountCell({ id }: { id: string }) {
  const query = useQuery({
    queryKey: crmQueryKeys.segments.count(id),
    queryFn: async () => {
      const res = await countSegmentAction({ id });
      if (!res.ok) throw new Error(res.message);
      return res.data.count;
    },
    staleTime: 60_000,
    retry: false,
  });
  if (query.isPending) return <span className="text-muted-foreground" aria-label="Counting">…</span>;
  if (query.isError) return <span className="text-muted-foreground" title={query.error.message}>—</span>;
  return <span className="tabular-nums">{formatCount(query.data)}</span>;
}
