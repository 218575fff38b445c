"use client";
// A saved segment's current size, through the segments engine, cached under one query key wherever it is shown (the
// segments list, the contacts list's "select all in this segment", the "Enrich segment" dialog).
import { useQuery } from "@tanstack/react-query";
import { countSegmentAction } from "@/app/(app)/crm/actions";
import { crmQueryKeys } from "@/lib/query-keys";

export function useSegmentCount(id: string | null, opts: { enabled?: boolean; staleTime: number }) {
  return useQuery({
    queryKey: crmQueryKeys.segments.count(id ?? ""),
    queryFn: async () => {
      const res = await countSegmentAction({ id });
      if (!res.ok) throw new Error(res.message);
      return res.data.count;
    },
    enabled: (opts.enabled ?? true) && !!id,
    staleTime: opts.staleTime,
    retry: false,
  });
}
