"use client";
// An asset's performance per channel (impressions, clicks, CTR, engagement and conversion rates, high-performer badge)
// with a small daily line, loaded through a server action. Never computes a rate here: the engine's figures are shown as they are.
import { useQuery } from "@tanstack/react-query";
import { ChartLine, Trophy } from "lucide-react";
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { getAssetPerformanceAction } from "@/app/(app)/media/insights/actions";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { channelLabel, dayLabel, formatCount, formatRate, insightsQueryKeys } from "./asset-insights";

/** Fixed series colours (readable on light and dark); the caption names each one. */
const IMPRESSIONS_COLOUR = "#0ea5e9";
const CLICKS_COLOUR = "#10b981";

const tooltipStyle = {
  contentStyle: { background: "var(--card)", border: "1px solid var(--border)", borderRadius: 8, color: "var(--card-foreground)", fontSize: 12 },
  labelStyle: { color: "var(--foreground)", fontWeight: 600 },
};

export function AssetPerformance({ assetId }: { assetId: string }) {
  const q = useQuery({
    queryKey: insightsQueryKeys.performance(assetId),
    queryFn: async () => {
      const r = await getAssetPerformanceAction({ assetId });
      if (!r.ok) throw new Error(r.message);
      return r.data;
    },
  });

  if (q.isPending) {
    return (
      <div className="grid gap-2" aria-busy="true" aria-label="Loading performance">
        <Skeleton className="h-6 w-40" />
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-32 w-full" />
      </div>
    );
  }
  if (q.isError) {
    return (
      <p role="alert" className="text-sm text-danger">
        Performance could not be loaded: {q.error.message}
      </p>
    );
  }
  const p = q.data;
  if (!p.channels.length) {
    return (
      <EmptyState
        icon={<ChartLine aria-hidden />}
        title="No performance yet"
        description="Figures arrive from publishing and ads, the metrics API or a CSV import."
      />
    );
  }
  const { factor, minImpressions } = p.thresholds;
  return (
    <section className="grid gap-3" aria-label="Performance">
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Performance per channel</caption>
          <thead>
            <tr className="border-b border-border text-left text-xs text-muted-foreground">
              <th scope="col" className="py-1.5 pr-2 font-medium">Channel</th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">Impressions</th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">Clicks</th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">CTR</th>
              <th scope="col" className="px-2 py-1.5 text-right font-medium">Engagement</th>
              <th scope="col" className="py-1.5 pl-2 text-right font-medium">Conversion</th>
            </tr>
          </thead>
          <tbody>
            {p.channels.map((c) => (
              <tr key={c.channel} className="border-b border-border/60 last:border-0">
                <th scope="row" className="py-1.5 pr-2 text-left font-medium">
                  <span className="flex flex-wrap items-center gap-1.5">
                    {channelLabel(c.channel)}
                    {c.highPerformer ? (
                      <Badge tone="success">
                        <Trophy aria-hidden className="mr-1 size-3" />
                        High performer
                      </Badge>
                    ) : null}
                  </span>
                </th>
                <td className="px-2 py-1.5 text-right tabular-nums">{formatCount(c.impressions)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{formatCount(c.clicks)}</td>
                <td
                  className="px-2 py-1.5 text-right tabular-nums"
                  title={c.channelMedianCtr !== null ? `Channel median ${formatRate(c.channelMedianCtr)}` : "Not enough data for a channel median"}
                >
                  {formatRate(c.ctr)}
                </td>
                <td className="px-2 py-1.5 text-right tabular-nums">{formatRate(c.engagementRate)}</td>
                <td className="py-1.5 pl-2 text-right tabular-nums">{formatRate(c.conversionRate)}</td>
              </tr>
            ))}
          </tbody>
          {p.channels.length > 1 ? (
            <tfoot>
              <tr className="border-t border-border font-medium">
                <th scope="row" className="py-1.5 pr-2 text-left">All channels</th>
                <td className="px-2 py-1.5 text-right tabular-nums">{formatCount(p.totals.impressions)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{formatCount(p.totals.clicks)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{formatRate(p.totals.ctr)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{formatRate(p.totals.engagementRate)}</td>
                <td className="py-1.5 pl-2 text-right tabular-nums">{formatRate(p.totals.conversionRate)}</td>
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      <p className="text-xs text-muted-foreground">
        High performer: CTR above {factor}× the workspace median for the channel, with at least {formatCount(minImpressions)} impressions.
      </p>
      {p.daily.length > 1 ? (
        <figure className="grid gap-1">
          <figcaption className="text-xs text-muted-foreground">
            Daily <span style={{ color: IMPRESSIONS_COLOUR }}>impressions</span> (left axis) and{" "}
            <span style={{ color: CLICKS_COLOUR }}>clicks</span> (right axis), {dayLabel(p.daily[0]!.day)} – {dayLabel(p.daily[p.daily.length - 1]!.day)}
          </figcaption>
          <div aria-hidden className="h-36 w-full">
            <LineChart
              data={p.daily.map((d) => ({ label: dayLabel(d.day), impressions: d.impressions, clicks: d.clicks }))}
              responsive
              style={{ width: "100%", height: "100%" }}
              margin={{ top: 4, right: 4, bottom: 0, left: 0 }}
              accessibilityLayer={false}
            >
              <CartesianGrid vertical={false} stroke="var(--border)" />
              <XAxis dataKey="label" tick={{ fill: "var(--muted-foreground)", fontSize: 10 }} tickLine={false} axisLine={{ stroke: "var(--border)" }} minTickGap={16} />
              <YAxis yAxisId="i" tick={{ fill: "var(--muted-foreground)", fontSize: 10 }} tickLine={false} axisLine={false} width={44} />
              <YAxis yAxisId="c" orientation="right" tick={{ fill: "var(--muted-foreground)", fontSize: 10 }} tickLine={false} axisLine={false} width={36} />
              <Tooltip {...tooltipStyle} formatter={(v, name) => [formatCount(Number(v)), name === "impressions" ? "Impressions" : "Clicks"]} />
              <Line yAxisId="i" type="monotone" dataKey="impressions" stroke={IMPRESSIONS_COLOUR} dot={false} strokeWidth={2} isAnimationActive={false} />
              <Line yAxisId="c" type="monotone" dataKey="clicks" stroke={CLICKS_COLOUR} dot={false} strokeWidth={2} isAnimationActive={false} />
            </LineChart>
          </div>
        </figure>
      ) : null}
    </section>
  );
}
