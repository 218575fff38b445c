"use client";
// CTR per channel for 2–4 compared assets as grouped bars (Recharts), with a text legend; the table beside it holds the figures.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { formatRate } from "./asset-insights";

export const COMPARE_COLOURS = ["#0ea5e9", "#f59e0b", "#8b5cf6", "#10b981"];

export function CompareCtrChart({ channels, series }: { channels: { key: string; label: string }[]; series: { name: string; ctrByChannel: Record<string, number | null> }[] }) {
  const data = channels.map((c) => ({ label: c.label, ...Object.fromEntries(series.map((s, i) => [`a${i}`, s.ctrByChannel[c.key] ?? null])) }));
  return (
    <figure className="grid gap-2">
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground" aria-label="Legend">
        {series.map((s, i) => (
          <li key={i} className="flex items-center gap-1.5">
            <span aria-hidden className="inline-block size-3 rounded-sm" style={{ background: COMPARE_COLOURS[i] }} />
            {s.name}
          </li>
        ))}
      </ul>
      <div aria-hidden className="h-56 w-full">
        <BarChart data={data} responsive style={{ width: "100%", height: "100%" }} margin={{ top: 4, right: 8, bottom: 0, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="label" tick={{ fill: "var(--muted-foreground)", fontSize: 11 }} tickLine={false} axisLine={{ stroke: "var(--border)" }} />
          <YAxis tickFormatter={(v: number) => formatRate(v)} tick={{ fill: "var(--muted-foreground)", fontSize: 11 }} tickLine={false} axisLine={false} width={56} />
          <Tooltip
            contentStyle={{ background: "var(--card)", border: "1px solid var(--border)", borderRadius: 8, color: "var(--card-foreground)", fontSize: 12 }}
            cursor={{ fill: "var(--muted)" }}
            formatter={(v, name) => [formatRate(v === null ? null : Number(v)), series[Number(String(name).slice(1))]?.name ?? String(name)]}
          />
          {series.map((_, i) => (
            <Bar key={i} dataKey={`a${i}`} fill={COMPARE_COLOURS[i]} radius={[3, 3, 0, 0]} isAnimationActive={false} />
          ))}
        </BarChart>
      </div>
      <figcaption className="text-xs text-muted-foreground">CTR per channel. The table holds the same figures.</figcaption>
    </figure>
  );
}
