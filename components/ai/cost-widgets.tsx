// Overview widgets: AI cost per day (last 30 days, by provider kind) and cost per campaign this month, from the gateway's rollups.
// Never draw an empty chart: no spend means an empty state that says so, and money is always formatted from micro-dollars.
import "server-only";
import { Coins } from "lucide-react";
import type { Ctx } from "@/lib/auth/context";
import { costByCampaign, costByDay, formatMicros } from "@/lib/gateway";
import { getWorkspace } from "@/lib/workspaces";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCount } from "./ai-format";
import { CostByCampaignChart } from "./cost-by-campaign-chart";
import { CostByDayChart, type CostDay } from "./cost-by-day-chart";

const DAYS = 30;

/** Today's calendar date in the workspace's time zone, as YYYY-MM-DD. */
function todayIn(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function dayLabel(day: string): string {
  return new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

function NoSpend({ requests, period }: { requests: number; period: string }) {
  return (
    <EmptyState
      icon={<Coins aria-hidden />}
      title="No AI spend yet"
      description={
        requests > 0
          ? `${formatCount(requests)} request${requests === 1 ? "" : "s"} ${period}, all at no cost (the offline provider is free, and so are cache hits).`
          : `Nothing has been spent on AI ${period}. Costs appear here once a paid provider answers.`
      }
    />
  );
}

export async function CostByDayWidget({ ctx }: { ctx: Ctx }) {
  const [points, workspace] = await Promise.all([costByDay(ctx, DAYS), getWorkspace(ctx)]);
  const today = todayIn(workspace.timezone);
  const first = points.reduce((min, p) => (p.day < min ? p.day : min), addDays(today, -(DAYS - 1)));
  const days: CostDay[] = [];
  for (let d = first; d <= today; d = addDays(d, 1)) days.push({ day: d, label: dayLabel(d), byKind: {}, totalMicros: 0, requests: 0 });
  const byDay = new Map(days.map((d) => [d.day, d]));
  const kindTotals = new Map<string, number>();
  for (const p of points) {
    const d = byDay.get(p.day);
    if (!d) continue;
    d.byKind[p.providerKind] = (d.byKind[p.providerKind] ?? 0) + p.costMicros;
    d.totalMicros += p.costMicros;
    d.requests += p.requests;
    kindTotals.set(p.providerKind, (kindTotals.get(p.providerKind) ?? 0) + p.costMicros);
  }
  const total = days.reduce((s, d) => s + d.totalMicros, 0);
  const requests = days.reduce((s, d) => s + d.requests, 0);
  const kinds = [...kindTotals].filter(([, micros]) => micros > 0).sort((a, b) => b[1] - a[1]).map(([k]) => k);

  return (
    <Card aria-labelledby="ai-cost-day">
      <CardHeader
        titleId="ai-cost-day"
        title="Cost per day"
        description={
          total > 0
            ? `Last ${DAYS} days, by provider kind: ${formatMicros(total)} over ${formatCount(requests)} requests. Days follow the workspace's time zone.`
            : `Last ${DAYS} days, by provider kind.`
        }
      />
      <CardBody>{total > 0 ? <CostByDayChart days={days} kinds={kinds} /> : <NoSpend requests={requests} period={`in the last ${DAYS} days`} />}</CardBody>
    </Card>
  );
}

export async function CostByCampaignWidget({ ctx }: { ctx: Ctx }) {
  const rows = await costByCampaign(ctx);
  const total = rows.reduce((s, r) => s + r.costMicros, 0);
  const requests = rows.reduce((s, r) => s + r.requests, 0);
  const month = new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date());
  return (
    <Card aria-labelledby="ai-cost-campaign">
      <CardHeader
        titleId="ai-cost-campaign"
        title="Cost per campaign"
        description={total > 0 ? `${month} (UTC): ${formatMicros(total)} in all.` : `${month} (UTC).`}
      />
      <CardBody>
        {total > 0 ? (
          <CostByCampaignChart
            rows={rows
              .filter((r) => r.costMicros > 0)
              .map((r) => ({ key: r.campaignId ?? "none", name: r.campaignName, costMicros: r.costMicros, requests: r.requests }))}
          />
        ) : (
          <NoSpend requests={requests} period="this month" />
        )}
      </CardBody>
    </Card>
  );
}
