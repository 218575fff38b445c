"use client";
// AI cost per campaign this month as a horizontal bar chart (Recharts), with a table of the same figures for screen readers.
// Never drop the "No campaign" row: calls that served no campaign still cost money and belong in the total.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { formatMicros } from "@/lib/gateway/pricing";
import { formatUsdTick } from "./ai-format";

export interface CampaignCostView {
  key: string;
  name: string;
  costMicros: number;
  requests: number;
}

const ROW_PX = 36;

function shorten(name: string): string {
  return name.length > 22 ? `${name.slice(0, 21)}…` : name;
}

export function CostByCampaignChart({ rows }: { rows: CampaignCostView[] }) {
  const data = rows.map((r) => ({ name: r.name, short: shorten(r.name), cost: r.costMicros }));
  return (
    <div className="grid gap-3">
      <div aria-hidden className="w-full" style={{ height: Math.max(rows.length * ROW_PX + 32, 120) }}>
        <BarChart
          data={data}
          layout="vertical"
          responsive
          style={{ width: "100%", height: "100%" }}
          margin={{ top: 4, right: 16, bottom: 0, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid horizontal={false} stroke="var(--border)" />
          <XAxis
            type="number"
            tickFormatter={(v: number) => formatUsdTick(v)}
            tick={{ fill: "var(--muted-foreground)", fontSize: 11 }}
            tickLine={false}
            axisLine={{ stroke: "var(--border)" }}
          />
          <YAxis type="category" dataKey="short" width={150} tick={{ fill: "var(--foreground)", fontSize: 12 }} tickLine={false} axisLine={false} />
          <Tooltip
            contentStyle={{ background: "var(--card)", border: "1px solid var(--border)", borderRadius: 8, color: "var(--card-foreground)", fontSize: 12 }}
            labelStyle={{ color: "var(--foreground)", fontWeight: 600 }}
            cursor={{ fill: "var(--muted)" }}
            labelFormatter={(_, payload) => String(payload?.[0]?.payload?.name ?? "")}
            formatter={(value) => [formatMicros(Number(value)), "Cost"]}
          />
          <Bar dataKey="cost" fill="var(--primary)" radius={[0, 3, 3, 0]} barSize={18} isAnimationActive={false} />
        </BarChart>
      </div>
      <table className="sr-only">
        <caption>AI cost per campaign this month</caption>
        <thead>
          <tr>
            <th scope="col">Campaign</th>
            <th scope="col">Cost</th>
            <th scope="col">Requests</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name}</th>
              <td>{formatMicros(r.costMicros)}</td>
              <td>{r.requests}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
