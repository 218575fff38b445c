// One row of the campaigns table: name (link), status, dates, budget, owner and tags.
// Never format money from a float budget: the amount is integer minor units in its own currency.
import Link from "next/link";
import type { CampaignRow } from "@/lib/campaigns";
import { formatDay, formatMinor } from "@/components/format";
import { Td, Tr } from "@/components/ui/table";
import { StatusBadge } from "./status-badge";

export type CampaignListItem = Pick<
  CampaignRow,
  "id" | "name" | "status" | "startDate" | "endDate" | "budgetMinor" | "currency" | "ownerName" | "tags"
>;

export function toListItem(c: CampaignListItem): CampaignListItem {
  const { id, name, status, startDate, endDate, budgetMinor, currency, ownerName, tags } = c;
  return { id, name, status, startDate, endDate, budgetMinor, currency, ownerName, tags };
}

export function CampaignTableRow({ campaign: c }: { campaign: CampaignListItem }) {
  return (
    <Tr>
      <Td className="font-medium">
        <Link href={`/campaigns/${c.id}`} className="rounded text-foreground underline-offset-2 hover:underline">
          {c.name}
        </Link>
      </Td>
      <Td>
        <StatusBadge status={c.status} />
      </Td>
      <Td className="whitespace-nowrap text-muted-foreground">
        {c.startDate || c.endDate ? (
          <>
            {formatDay(c.startDate)} <span aria-label="to">–</span> {formatDay(c.endDate)}
          </>
        ) : (
          "Not scheduled"
        )}
      </Td>
      <Td className="text-right whitespace-nowrap tabular-nums">{formatMinor(c.budgetMinor, c.currency)}</Td>
      <Td className="whitespace-nowrap">{c.ownerName ?? <span className="text-muted-foreground">No owner</span>}</Td>
      <Td>
        {c.tags.length ? (
          <ul className="flex flex-wrap gap-1" aria-label="Tags">
            {c.tags.map((t) => (
              <li key={t} className="rounded-full bg-muted px-2 py-0.5 text-xs">
                {t}
              </li>
            ))}
          </ul>
        ) : (
          <span className="text-muted-foreground">—</span>
        )}
      </Td>
    </Tr>
  );
}
