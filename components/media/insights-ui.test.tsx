// The media insight widgets render their figures (server-side render, seeded query cache): the per-channel table with the
// high-performer badge, the empty state, suggestions with their action, and the ranked list. No browser, no database.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { ToastProvider } from "@/components/ui/toast";

vi.mock("@/app/(app)/media/insights/actions", () => ({
  getAssetPerformanceAction: vi.fn(),
  listAssetSuggestionsAction: vi.fn(),
  applySuggestionAction: vi.fn(),
  importMetricsCsvAction: vi.fn(),
}));
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => {} }) }));

const { AssetPerformance } = await import("./asset-performance");
const { AssetSuggestions } = await import("./asset-suggestions");
const { formatRate, channelLabel, insightsQueryKeys } = await import("./asset-insights");
const { compareIds } = await import("./compare-search-params");

function withCache(seed: (qc: QueryClient) => void, node: ReactNode): string {
  const qc = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  seed(qc);
  // React marks text boundaries with <!-- --> in server HTML; drop them to read the text as a user would.
  return renderToString(createElement(QueryClientProvider, { client: qc }, createElement(ToastProvider, null, node))).replaceAll("<!-- -->", "");
}

const totals = { impressions: 4000, clicks: 200, engagements: 300, conversions: 20, ctr: 0.05, engagementRate: 0.075, conversionRate: 0.1 };

describe("AssetPerformance", () => {
  it("shows each channel's figures and the high-performer badge", () => {
    const html = withCache(
      (qc) =>
        qc.setQueryData(insightsQueryKeys.performance("a1"), {
          assetId: "a1",
          from: null,
          to: null,
          totals,
          highPerformer: true,
          highPerformerChannels: ["instagram"],
          channels: [
            { channel: "instagram", ...totals, channelMedianCtr: 0.025, ctrVsMedian: 2, qualifies: true, highPerformer: true, daily: [] },
            { channel: "google_ads", impressions: 900, clicks: 0, engagements: 0, conversions: 0, ctr: 0, engagementRate: 0, conversionRate: null, channelMedianCtr: null, ctrVsMedian: null, qualifies: false, highPerformer: false, daily: [] },
          ],
          daily: [
            { day: "2026-11-01", ...totals },
            { day: "2026-11-02", ...totals },
          ],
          thresholds: { factor: 1.5, minImpressions: 1000 },
        }),
      createElement(AssetPerformance, { assetId: "a1" }),
    );
    expect(html).toContain("Instagram");
    expect(html).toContain("Google Ads");
    expect(html).toContain("High performer");
    expect(html).toContain("5.00 %");
    expect(html).toContain("4,000");
    expect(html).toContain("1.5× the workspace median");
    expect(html.match(/High performer</g)).toHaveLength(1);
  });

  it("says so when there is nothing yet, and shows a skeleton while loading", () => {
    const empty = withCache(
      (qc) => qc.setQueryData(insightsQueryKeys.performance("a2"), { assetId: "a2", from: null, to: null, totals, highPerformer: false, highPerformerChannels: [], channels: [], daily: [], thresholds: { factor: 1.5, minImpressions: 1000 } }),
      createElement(AssetPerformance, { assetId: "a2" }),
    );
    expect(empty).toContain("No performance yet");
    const loading = withCache(() => {}, createElement(AssetPerformance, { assetId: "a3" }));
    expect(loading).toContain("Loading performance");
  });
});

describe("AssetSuggestions", () => {
  it("lists suggestions with priority, explanation and the action button; empty state otherwise", () => {
    const html = withCache(
      (qc) =>
        qc.setQueryData(insightsQueryKeys.suggestions("a1"), [
          { id: "missing_alt_text:a1", rule: "missing_alt_text", assetId: "a1", assetName: "x", priority: "high", title: "No alt text", explanation: "Screen-reader users get nothing.", action: { kind: "edit_alt_text", label: "Suggest alt text" } },
        ]),
      createElement(AssetSuggestions, { assetId: "a1" }),
    );
    expect(html).toContain("High priority");
    expect(html).toContain("Screen-reader users get nothing.");
    expect(html).toContain("Suggest alt text");
    const none = withCache((qc) => qc.setQueryData(insightsQueryKeys.suggestions("a2"), []), createElement(AssetSuggestions, { assetId: "a2" }));
    expect(none).toContain("Nothing to improve");
  });
});

describe("helpers", () => {
  it("formats rates and channels, and keeps 2–4 valid compare ids", () => {
    expect(formatRate(0.0234)).toBe("2.34 %");
    expect(formatRate(0.1234)).toBe("12.3 %");
    expect(formatRate(null)).toBe("—");
    expect(channelLabel("linkedin")).toBe("LinkedIn");
    expect(channelLabel("spring_newsletter")).toBe("Spring newsletter");
    const a = "00000000-0000-4000-8000-000000000001";
    expect(compareIds(`${a},junk,${a}, 00000000-0000-4000-8000-000000000002`)).toEqual([a, "00000000-0000-4000-8000-000000000002"]);
  });
});
