// TanStack Query keys for the media library's client-loaded data: grid pages, an asset's detail, near duplicates, campaigns.
// Never build these keys inline elsewhere; mutations invalidate them through refreshMedia.
import type { QueryClient } from "@tanstack/react-query";

export const mediaQueryKeys = {
  all: ["media"] as const,
  grid: (filtersJson: string) => ["media", "grid", filtersJson] as const,
  gridAll: ["media", "grid"] as const,
  detail: (id: string) => ["media", "detail", id] as const,
  nearDuplicates: (id: string, maxDistance: number) => ["media", "near-duplicates", id, maxDistance] as const,
  campaigns: (q: string) => ["media", "campaigns", q] as const,
  review: ["media", "review"] as const,
};

/** After a change: drop grids nobody is looking at and refetch the one on screen, plus the asset's detail. */
export function refreshMedia(queryClient: QueryClient, assetId?: string): Promise<void> {
  queryClient.removeQueries({ queryKey: mediaQueryKeys.gridAll, type: "inactive" });
  const jobs = [queryClient.invalidateQueries({ queryKey: mediaQueryKeys.gridAll })];
  if (assetId) jobs.push(queryClient.invalidateQueries({ queryKey: mediaQueryKeys.detail(assetId) }));
  return Promise.all(jobs).then(() => undefined);
}
