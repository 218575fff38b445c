// Query keys and number formats shared by the media insight widgets (performance, suggestions, metrics import).
// Never build these keys inline elsewhere; keys sit under ["media"] so the library's own refresh reaches them too.
import type { QueryClient } from "@tanstack/react-query";
import { NETWORK_LABELS } from "@/lib/media/best-variant-table";

export const insightsQueryKeys = {
  all: ["media", "insights"] as const,
  performance: (assetId: string) => ["media", "insights", "performance", assetId] as const,
  suggestions: (assetId: string) => ["media", "insights", "suggestions", assetId] as const,
};

/** After an import or a one-click action: every insight on screen is refetched. */
export function refreshInsights(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: insightsQueryKeys.all });
}

/** 0.0234 → "2.34 %"; null (no denominator) → "—". */
export function formatRate(r: number | null | undefined): string {
  if (r === null || r === undefined || !Number.isFinite(r)) return "—";
  const p = r * 100;
  return `${p.toFixed(p < 10 ? 2 : 1)} %`;
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-GB");
}

const CHANNEL_LABELS: Record<string, string> = {
  ...NETWORK_LABELS,
  google_ads: "Google Ads",
  meta_ads: "Meta Ads",
  email: "Email",
};

export function channelLabel(channel: string): string {
  return CHANNEL_LABELS[channel] ?? channel.replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase());
}

/** "2026-11-03" → "3 Nov" (UTC, as the day was recorded). */
export function dayLabel(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
}
