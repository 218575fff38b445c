// Monthly hard budgets: before a call, its worst-case cost is reserved against the workspace's budget (and the
// campaign's, if it has one) in one atomic UPDATE; afterwards the reservation becomes the real cost. Concurrent calls
// therefore cannot overspend by more than one call's worth. Never read-then-write a spend counter.
import "server-only";
import { processMap } from "@/lib/process-cache";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { aiBudgets, aiSpend } from "@/db/schema";
import { AppError } from "@/lib/errors";

export class BudgetExceededError extends AppError {
  constructor(scope: string, limitMicros: number) {
    const what = scope === "workspace" ? "This workspace's" : "This campaign's";
    super("BUDGET_EXCEEDED", 429, `${what} monthly AI budget ($${(limitMicros / 1e6).toFixed(2)}) is spent. An admin can raise it on the AI page.`, {
      scope,
    });
  }
}

export function monthKey(d = new Date()): string {
  return d.toISOString().slice(0, 7);
}

export interface Reservation {
  scopes: string[];
  month: string;
  micros: number;
}

/** A workspace's budget limits are read at most this often; setBudget in this process clears them at once, and the TTL
 * bounds how long another process may go on without a newly set budget. Spend counters are never cached. */
const BUDGETS_TTL_MS = 2_000;
const budgetCache = processMap<string, { rows: (typeof aiBudgets.$inferSelect)[]; expires: number }>("ai-budgets");

export function invalidateBudgets(workspaceId?: string): void {
  if (workspaceId) budgetCache.delete(workspaceId);
  else budgetCache.clear();
}

async function workspaceBudgets(db: DbOrTx, workspaceId: string) {
  const now = Date.now();
  const hit = budgetCache.get(workspaceId);
  if (hit && hit.expires > now) return hit.rows;
  const rows = await db.select().from(aiBudgets).where(eq(aiBudgets.workspaceId, workspaceId));
  if (budgetCache.size > 10_000) budgetCache.clear();
  budgetCache.set(workspaceId, { rows, expires: now + BUDGETS_TTL_MS });
  return rows;
}

/** Reserves `micros` under every budget that applies; throws BUDGET_EXCEEDED and reserves nothing if any would be passed. */
export async function reserveBudget(db: DbOrTx, workspaceId: string, campaignId: string | null | undefined, micros: number): Promise<Reservation | null> {
  const scopes = ["workspace", ...(campaignId ? [campaignId] : [])];
  const budgets = (await workspaceBudgets(db, workspaceId)).filter((b) => scopes.includes(b.scope));
  if (budgets.length === 0) return null;
  const month = monthKey();
  const reserved: string[] = [];
  // A month's counter starts from what the log already holds, so a budget set mid-month counts earlier calls.
  // Done outside the reservation's transaction so a refused call does not roll the counter's creation back.
  for (const b of budgets) {
    await db.execute(sql`
      insert into ai_spend (workspace_id, scope, month, spent_micros)
      select ${workspaceId}, ${b.scope}, ${month}, coalesce(sum(cost_micros), 0)::bigint
      from ai_requests
      where workspace_id = ${workspaceId}
        and to_char(created_at at time zone 'UTC', 'YYYY-MM') = ${month}
        and (${b.scope} = 'workspace' or campaign_id::text = ${b.scope})
      on conflict do nothing`);
  }
  await db.transaction(async (tx) => {
    for (const b of budgets) {
      // The row lock taken by this UPDATE serialises concurrent reservations on the same budget.
      const ok = await tx
        .update(aiSpend)
        .set({ reservedMicros: sql`${aiSpend.reservedMicros} + ${micros}` })
        .where(
          and(
            eq(aiSpend.workspaceId, workspaceId),
            eq(aiSpend.scope, b.scope),
            eq(aiSpend.month, month),
            sql`${aiSpend.spentMicros} + ${aiSpend.reservedMicros} + ${micros} <= ${b.monthlyLimitMicros}`,
          ),
        )
        .returning({ scope: aiSpend.scope });
      if (ok.length === 0) throw new BudgetExceededError(b.scope, b.monthlyLimitMicros);
      reserved.push(b.scope);
    }
  });
  return { scopes: reserved, month, micros };
}

/** Turns a reservation into the actual cost (0 releases it entirely). */
export async function settleBudget(db: DbOrTx, workspaceId: string, r: Reservation | null, actualMicros: number): Promise<void> {
  if (!r) return;
  await db
    .update(aiSpend)
    .set({
      reservedMicros: sql`greatest(${aiSpend.reservedMicros} - ${r.micros}, 0)`,
      spentMicros: sql`${aiSpend.spentMicros} + ${actualMicros}`,
    })
    .where(and(eq(aiSpend.workspaceId, workspaceId), inArray(aiSpend.scope, r.scopes), eq(aiSpend.month, r.month)));
}
