// The read-only view of a campaign for roles that may read but not change campaigns.
// Never render form controls here: this view must not suggest an edit the role cannot make.
import type { CampaignRow } from "@/lib/campaigns";
import { formatDay, formatMinor, formatTimestamp } from "@/components/format";
import { Card, CardBody } from "@/components/ui/card";
import { StatusBadge } from "./status-badge";

export function CampaignDetails({ campaign: c, timeZone }: { campaign: CampaignRow; timeZone: string }) {
  const rows: Array<[string, React.ReactNode]> = [
    ["Status", <StatusBadge key="s" status={c.status} />],
    ["Objective", c.objective || <span className="text-muted-foreground">None given</span>],
    ["Start date", formatDay(c.startDate)],
    ["End date", formatDay(c.endDate)],
    ["Budget", <span key="b" className="tabular-nums">{formatMinor(c.budgetMinor, c.currency)}</span>],
    ["Owner", c.ownerName ?? <span className="text-muted-foreground">No owner</span>],
    [
      "Tags",
      c.tags.length ? (
        <ul key="t" className="flex flex-wrap gap-1">
          {c.tags.map((t) => (
            <li key={t} className="rounded-full bg-muted px-2 py-0.5 text-xs">
              {t}
            </li>
          ))}
        </ul>
      ) : (
        <span className="text-muted-foreground">—</span>
      ),
    ],
    ["Last updated", formatTimestamp(c.updatedAt, timeZone)],
  ];
  return (
    <Card aria-label="Campaign details">
      <CardBody>
        <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-[10rem_1fr]">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-sm font-medium text-muted-foreground">{label}</dt>
              <dd className="text-sm whitespace-pre-line">{value}</dd>
            </div>
          ))}
        </dl>
      </CardBody>
    </Card>
  );
}
