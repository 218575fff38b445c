// Dashboard widget: the sum of campaign budgets per currency (planned amounts, not spend).
// Never add amounts across currencies or convert them: each currency is totalled on its own.
import "server-only";
import type { Ctx } from "@/lib/auth/context";
import { loadCampaignSummary } from "@/app/(app)/dashboard/campaign-summary";
import { formatMinor } from "@/components/format";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

export async function BudgetWidget({ ctx }: { ctx: Ctx }) {
  const summary = await loadCampaignSummary(ctx);
  return (
    <Card aria-labelledby="w-budget">
      <CardHeader titleId="w-budget" title="Planned budget" description="The sum of campaign budgets, per currency. Spend is tracked once the Ads engine exists." />
      <CardBody>
        {summary.budgets.length === 0 ? (
          <EmptyState title="No budgets planned yet" description="Budgets appear here once campaigns have them." />
        ) : (
          <ul className="grid gap-3">
            {summary.budgets.map((b) => (
              <li key={b.currency} className="flex items-baseline justify-between gap-3">
                <span className="text-sm text-muted-foreground">
                  {b.currency} · {b.campaigns} campaign{b.campaigns === 1 ? "" : "s"}
                </span>
                <span className="text-xl font-semibold tabular-nums">{formatMinor(b.minor, b.currency)}</span>
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
