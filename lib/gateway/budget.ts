// Monthly hard budgets: before a call, its worst-case cost is reserved against the workspace's budget (and the
// campaign's, if it has one) in one atomic UPDATE; afterwards the reservation becomes the real cost. Concurrent calls
// therefore cannot overspend by more than one call's worth. Never read-then-write a spend counter.
import "server-only";
import { processMap } from "@/lib/process-cache";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { aiBudgets, aiSpend } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { readThrough, type StaleEntry } from "./stale-cache";

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

/** A workspace's budget limits are re-read this often under traffic, in the background (see stale-cache.ts), so a
 * workspace without a budget never waits for the database here. setBudget in this process clears them at once; a budget
 * set by another process applies within about this long. Spend counters are never cached. */
const BUDGETS_TTL_MS = 2_000;
type BudgetRow = typeof aiBudgets.$inferSelect;
const budgetCache = processMap<string, StaleEntry<BudgetRow[]>>("ai-budget-cache");

export function invalidateBudgets(workspaceId?: string): void {
  if (workspaceId) budgetCache.delete(workspaceId);
  else budgetCache.clear();
}

function workspaceBudgets(db: DbOrTx, workspaceId: string): Promise<BudgetRow[]> {
  // async: a drizzle query runs again on every then(), and the cache awaits its promise more than once.
  return readThrough(budgetCache, workspaceId, BUDGETS_TTL_MS, async () => db.select().from(aiBudgets).where(eq(aiBudgets.workspaceId, workspaceId)));
}

/** Thrown inside a reservation's transaction to roll it back when one scope refuses (over its limit, or no counter yet). */
class Refused extends Error {}

/**
 * A month's counter starts from what the log already holds, so a budget set mid-month counts earlier calls. Only
 * written when the counter is missing (the sum is skipped when it exists), and outside any reservation's transaction
 * so that a refused call does not roll the counter's creation back.
 */
async function seedCounters(db: DbOrTx, workspaceId: string, scopes: string[], month: string): Promise<void> {
  for (const scope of scopes) {
    await db.execute(sql`
      insert into ai_spend (workspace_id, scope, month, spent_micros)
      select ${workspaceId}, ${scope}, ${month}, coalesce(sum(cost_micros), 0)::bigint
      from ai_requests
      where workspace_id = ${workspaceId}
        and to_char(created_at at time zone 'UTC', 'YYYY-MM') = ${month}
        and (${scope} = 'workspace' or campaign_id::text = ${scope})
        and not exists (select 1 from ai_spend where workspace_id = ${workspaceId} and scope = ${scope} and month = ${month})
      on conflict do nothing`);
  }
}

/** Adds `micros` to one scope's reservation if it stays within the limit; the row lock serialises concurrent callers. */
async function reserveIn(db: DbOrTx, workspaceId: string, b: BudgetRow, month: string, micros: number): Promise<boolean> {
  const ok = await db
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
  return ok.length > 0;
}

/**
 * Reserves `micros` under every budget that applies in one step: a single UPDATE for one budget (atomic by itself),
 * one transaction for two. A scope whose UPDATE matched no row either has no counter yet or would be passed: its
 * counter is then created if missing and the step runs once more, and a second refusal is BUDGET_EXCEEDED.
 */
async function reserveAll(db: DbOrTx, workspaceId: string, budgets: BudgetRow[], month: string, micros: number): Promise<BudgetRow | null> {
  if (budgets.length === 1) return (await reserveIn(db, workspaceId, budgets[0]!, month, micros)) ? null : budgets[0]!;
  let refused: BudgetRow | null = null;
  try {
    await db.transaction(async (tx) => {
      for (const b of budgets) {
        if (!(await reserveIn(tx, workspaceId, b, month, micros))) {
          refused = b;
          throw new Refused();
        }
      }
    });
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
  }
  return refused;
}

/** Reserves `micros` under every budget that applies; throws BUDGET_EXCEEDED and reserves nothing if any would be passed. */
export async function reserveBudget(db: DbOrTx, workspaceId: string, campaignId: string | null | undefined, micros: number): Promise<Reservation | null> {
  const all = await workspaceBudgets(db, workspaceId);
  if (all.length === 0) return null;
  const budgets = all.filter((b) => b.scope === "workspace" || (!!campaignId && b.scope === campaignId));
  if (budgets.length === 0) return null;
  const month = monthKey();
  let refused = await reserveAll(db, workspaceId, budgets, month, micros);
  if (refused) {
    await seedCounters(db, workspaceId, budgets.map((b) => b.scope), month);
    refused = await reserveAll(db, workspaceId, budgets, month, micros);
  }
  if (refused) throw new BudgetExceededError(refused.scope, refused.monthlyLimitMicros);
  return { scopes: budgets.map((b) => b.scope), month, micros };
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
