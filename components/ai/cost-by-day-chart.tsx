"use client";
// AI cost per day for the last 30 days, stacked by provider kind (Recharts), with a text legend and a table for screen readers.
// Never plot floats of dollars summed in the browser: every figure arrives as integer micro-dollars and is only formatted here.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { formatMicros } from "@/lib/gateway/pricing";
import { formatUsdTick, kindLabel } from "./ai-format";
import { kindColour } from "./chart-colors";

export interface CostDay {
  day: string;
  /** "Mar 4" */
  label: string;
  /** Micro-dollars per provider kind. */
  byKind: Record<string, number>;
  totalMicros: number;
  requests: number;
}

const tooltipStyle = {
  contentStyle: { background: "var(--card)", border: "1px solid var(--border)", borderRadius: 8, color: "var(--card-foreground)", fontSize: 12 },
  labelStyle: { color: "var(--foreground)", fontWeight: 600 },
  cursor: { fill: "var(--muted)" },
};

export function CostByDayChart({ days, kinds }: { days: CostDay[]; kinds: string[] }) {
  // null (not 0) for a kind with no spend that day, so the tooltip lists only the kinds that cost something.
  const data = days.map((d) => ({ label: d.label, ...Object.fromEntries(kinds.map((k) => [k, d.byKind[k] || null])) }));
  return (
    <figure className="grid gap-3">
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted-foreground" aria-label="Legend">
        {kinds.map((k) => (
          <li key={k} className="flex items-center gap-1.5">
            <span aria-hidden className={`inline-block size-3 rounded-sm ${kindColour(k).swatch}`} />
            {kindLabel(k)}
          </li>
        ))}
      </ul>
      <div aria-hidden className="h-64 w-full">
        <BarChart data={data} responsive style={{ width: "100%", height: "100%" }} margin={{ top: 4, right: 8, bottom: 0, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="label" tick={{ fill: "var(--muted-foreground)", fontSize: 11 }} tickLine={false} axisLine={{ stroke: "var(--border)" }} interval="preserveStartEnd" minTickGap={16} />
          <YAxis
            tickFormatter={(v: number) => formatUsdTick(v)}
            tick={{ fill: "var(--muted-foreground)", fontSize: 11 }}
            tickLine={false}
            axisLine={false}
            width={64}
          />
          <Tooltip {...tooltipStyle} formatter={(value, name) => [formatMicros(Number(value)), kindLabel(String(name))]} />
          {kinds.map((k, i) => (
            <Bar key={k} dataKey={k} name={k} stackId="cost" fill={kindColour(k).fill} radius={i === kinds.length - 1 ? [3, 3, 0, 0] : 0} isAnimationActive={false} />
          ))}
        </BarChart>
      </div>
      <table className="sr-only">
        <caption>AI cost per day, last 30 days, by provider kind</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {kinds.map((k) => (
              <th key={k} scope="col">
                {kindLabel(k)}
              </th>
            ))}
            <th scope="col">Total</th>
            <th scope="col">Requests</th>
          </tr>
        </thead>
        <tbody>
          {days
            .filter((d) => d.requests > 0)
            .map((d) => (
              <tr key={d.day}>
                <th scope="row">{d.label}</th>
                {kinds.map((k) => (
                  <td key={k}>{formatMicros(d.byKind[k] ?? 0)}</td>
                ))}
                <td>{formatMicros(d.totalMicros)}</td>
                <td>{d.requests}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </figure>
  );
}
