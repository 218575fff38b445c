"use client";
// A small horizontal bar chart for the media statistics (counts or bytes per kind or status), with the same figures in a
// screen-reader table. Never colour-code alone: every bar has its label on the axis.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";

export interface StatsBar {
  label: string;
  value: number;
}

function formatValue(v: number, unit: "count" | "bytes"): string {
  if (unit === "count") return v.toLocaleString("en-GB");
  if (v >= 1024 ** 3) return `${(v / 1024 ** 3).toFixed(1)} GB`;
  if (v >= 1024 ** 2) return `${(v / 1024 ** 2).toFixed(1)} MB`;
  if (v >= 1024) return `${Math.round(v / 1024)} KB`;
  return `${v} B`;
}

const BAR_COLOUR = "#0ea5e9";

export function StatsBarChart({ data, unit, caption }: { data: StatsBar[]; unit: "count" | "bytes"; caption: string }) {
  return (
    <figure className="grid gap-2">
      <div aria-hidden style={{ height: Math.max(96, data.length * 34) }} className="w-full">
        <BarChart data={data} layout="vertical" responsive style={{ width: "100%", height: "100%" }} margin={{ top: 0, right: 16, bottom: 0, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} stroke="var(--border)" />
          <XAxis type="number" tickFormatter={(v: number) => formatValue(v, unit)} tick={{ fill: "var(--muted-foreground)", fontSize: 11 }} tickLine={false} axisLine={false} allowDecimals={false} />
          <YAxis type="category" dataKey="label" tick={{ fill: "var(--foreground)", fontSize: 12 }} tickLine={false} axisLine={false} width={96} />
          <Tooltip
            contentStyle={{ background: "var(--card)", border: "1px solid var(--border)", borderRadius: 8, color: "var(--card-foreground)", fontSize: 12 }}
            cursor={{ fill: "var(--muted)" }}
            formatter={(v) => [formatValue(Number(v), unit), unit === "count" ? "Assets" : "Size"]}
          />
          <Bar dataKey="value" fill={BAR_COLOUR} radius={[0, 3, 3, 0]} isAnimationActive={false} />
        </BarChart>
      </div>
      <table className="sr-only">
        <caption>{caption}</caption>
        <tbody>
          {data.map((d) => (
            <tr key={d.label}>
              <th scope="row">{d.label}</th>
              <td>{formatValue(d.value, unit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
