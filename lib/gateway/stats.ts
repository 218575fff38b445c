// What the AI page shows: provider health (breaker, key, p50/p95 latency, error rate), the request log, cost rollups
// per day/provider/model/campaign, and budget status. Reads only; every query is scoped to ctx.workspaceId.
import "server-only";
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { aiAttempts, aiBudgets, aiChains, aiProviders, aiRequests, aiSpend, campaigns, workspaces, type AiRequest } from "@/db/schema";
import { authorize, type Ctx } from "@/lib/auth/context";
import { decodeCursor, encodeCursor, newestFirst, olderThan } from "@/lib/pagination";
import { toProviderView, type ChainView, type ProviderView } from "./admin";
import { breakerState, type BreakerStateName } from "./breakers";
import { CHAIN_DEFAULTS } from "./chains";
import { monthKey } from "./budget";
import { listAiRequestsSchema } from "./schemas";
import { AI_TASKS, type AiTask } from "./types";

export interface ProviderHealth extends ProviderView {
  breaker: BreakerStateName;
  breakerOpenedAt: number | null;
  calls24h: number;
  errors24h: number;
  errorRate24h: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export async function providerHealth(ctx: Ctx): Promise<ProviderHealth[]> {
  authorize(ctx, "ai.read");
  const [providers, stats] = await Promise.all([
    ctx.db.select().from(aiProviders).where(eq(aiProviders.workspaceId, ctx.workspaceId)).orderBy(asc(aiProviders.createdAt)),
    ctx.db
      .select({
        providerId: aiAttempts.providerId,
        calls: sql<number>`count(*)::int`,
        errors: sql<number>`(count(*) filter (where not ${aiAttempts.ok}))::int`,
        p50: sql<number | null>`percentile_cont(0.5) within group (order by ${aiAttempts.latencyMs})`,
        p95: sql<number | null>`percentile_cont(0.95) within group (order by ${aiAttempts.latencyMs})`,
      })
      .from(aiAttempts)
      .where(and(eq(aiAttempts.workspaceId, ctx.workspaceId), sql`${aiAttempts.startedAt} > now() - interval '24 hours'`))
      .groupBy(aiAttempts.providerId),
  ]);
  const byId = new Map(stats.map((s) => [s.providerId, s]));
  return providers.map((p) => {
    const s = byId.get(p.id);
    const b = breakerState(p.id);
    return {
      ...toProviderView(p),
      breaker: b.state,
      breakerOpenedAt: b.openedAt,
      calls24h: s?.calls ?? 0,
      errors24h: s?.errors ?? 0,
      errorRate24h: s && s.calls > 0 ? s.errors / s.calls : 0,
      p50Ms: s?.p50 != null ? Math.round(Number(s.p50)) : null,
      p95Ms: s?.p95 != null ? Math.round(Number(s.p95)) : null,
    };
  });
}

export async function listChains(ctx: Ctx): Promise<ChainView[]> {
  authorize(ctx, "ai.read");
  const [rows, providers] = await Promise.all([
    ctx.db.select().from(aiChains).where(eq(aiChains.workspaceId, ctx.workspaceId)),
    ctx.db
      .select({ id: aiProviders.id, kind: aiProviders.kind })
      .from(aiProviders)
      .where(and(eq(aiProviders.workspaceId, ctx.workspaceId), eq(aiProviders.enabled, true)))
      .orderBy(asc(aiProviders.createdAt)),
  ]);
  return AI_TASKS.map((task) => {
    const row = rows.find((r) => r.task === task);
    if (row && row.levels.length > 0) {
      return { task, levels: row.levels, attemptTimeoutMs: row.attemptTimeoutMs, deadlineMs: row.deadlineMs, maxRetries: row.maxRetries, cacheTtlSeconds: row.cacheTtlSeconds, isDefault: false };
    }
    return {
      task: task as AiTask,
      levels: providers.filter((p) => p.kind !== "offline").map((p) => ({ providers: [{ providerId: p.id, weight: 1 }] })),
      ...CHAIN_DEFAULTS,
      ...(row ? { attemptTimeoutMs: row.attemptTimeoutMs, deadlineMs: row.deadlineMs, maxRetries: row.maxRetries, cacheTtlSeconds: row.cacheTtlSeconds } : {}),
      isDefault: true,
    };
  });
}

export interface AiRequestPage {
  items: AiRequest[];
  nextCursor: string | null;
}

export async function listAiRequests(ctx: Ctx, raw: z.input<typeof listAiRequestsSchema> = {}): Promise<AiRequestPage> {
  authorize(ctx, "ai.read");
  const input = listAiRequestsSchema.parse(raw);
  const conds: SQL[] = [eq(aiRequests.workspaceId, ctx.workspaceId)];
  if (input.task) conds.push(eq(aiRequests.task, input.task));
  if (input.status) conds.push(eq(aiRequests.status, input.status));
  if (input.providerId) conds.push(eq(aiRequests.providerId, input.providerId));
  if (input.campaignId) conds.push(eq(aiRequests.campaignId, input.campaignId));
  const cur = decodeCursor(input.cursor);
  const after = cur ? olderThan(aiRequests.createdAt, aiRequests.id, cur, "uuid") : null;
  if (after) conds.push(after);
  const rows = await ctx.db
    .select({ r: aiRequests, key: sql<string>`${aiRequests.createdAt}::text` })
    .from(aiRequests)
    .where(and(...conds))
    .orderBy(...newestFirst(aiRequests.createdAt, aiRequests.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return { items: page.map((x) => x.r), nextCursor: rows.length > input.limit && last ? encodeCursor(last.key, last.r.id) : null };
}

export interface CostPoint {
  day: string;
  providerKind: string;
  model: string;
  costMicros: number;
  requests: number;
  tokensIn: number;
  tokensOut: number;
}

/** Daily cost per provider kind and model over the last `days` days, in the workspace's timezone. */
export async function costByDay(ctx: Ctx, days = 30): Promise<CostPoint[]> {
  authorize(ctx, "ai.read");
  const [w] = await ctx.db.select({ tz: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, ctx.workspaceId));
  const tz = w?.tz ?? "UTC";
  const day = sql<string>`to_char(${aiRequests.createdAt} at time zone ${tz}, 'YYYY-MM-DD')`;
  const rows = await ctx.db
    .select({
      day,
      providerKind: sql<string>`coalesce(${aiRequests.providerKind}, 'none')`,
      model: sql<string>`coalesce(${aiRequests.model}, '')`,
      costMicros: sql<number>`sum(${aiRequests.costMicros})::bigint`,
      requests: sql<number>`count(*)::int`,
      tokensIn: sql<number>`sum(${aiRequests.tokensIn})::bigint`,
      tokensOut: sql<number>`sum(${aiRequests.tokensOut})::bigint`,
    })
    .from(aiRequests)
    .where(and(eq(aiRequests.workspaceId, ctx.workspaceId), sql`${aiRequests.createdAt} > now() - make_interval(days => ${days})`))
    // Group by position: the time zone is a bound parameter, so repeating the expression would not match it.
    .groupBy(sql`1`, sql`2`, sql`3`)
    .orderBy(sql`1`);
  return rows.map((r) => ({ ...r, costMicros: Number(r.costMicros), tokensIn: Number(r.tokensIn), tokensOut: Number(r.tokensOut) }));
}

export interface CampaignCost {
  campaignId: string | null;
  campaignName: string;
  costMicros: number;
  requests: number;
}

/** Cost per campaign this month (UTC); calls that served no campaign are one row with a null id. */
export async function costByCampaign(ctx: Ctx, month = monthKey()): Promise<CampaignCost[]> {
  authorize(ctx, "ai.read");
  const rows = await ctx.db
    .select({
      campaignId: aiRequests.campaignId,
      campaignName: sql<string>`coalesce(${campaigns.name}, 'No campaign')`,
      costMicros: sql<number>`sum(${aiRequests.costMicros})::bigint`,
      requests: sql<number>`count(*)::int`,
    })
    .from(aiRequests)
    .leftJoin(campaigns, eq(campaigns.id, aiRequests.campaignId))
    .where(and(eq(aiRequests.workspaceId, ctx.workspaceId), sql`to_char(${aiRequests.createdAt} at time zone 'UTC', 'YYYY-MM') = ${month}`))
    .groupBy(aiRequests.campaignId, campaigns.name)
    .orderBy(desc(sql`4`));
  return rows.map((r) => ({ ...r, costMicros: Number(r.costMicros) }));
}

export interface BudgetStatus {
  scope: string;
  campaignName: string | null;
  monthlyLimitMicros: number;
  spentMicros: number;
  reservedMicros: number;
}

export async function budgetStatus(ctx: Ctx): Promise<BudgetStatus[]> {
  authorize(ctx, "ai.read");
  const month = monthKey();
  const rows = await ctx.db
    .select({
      scope: aiBudgets.scope,
      monthlyLimitMicros: aiBudgets.monthlyLimitMicros,
      spentMicros: sql<number>`coalesce(${aiSpend.spentMicros}, 0)`,
      reservedMicros: sql<number>`coalesce(${aiSpend.reservedMicros}, 0)`,
      campaignName: campaigns.name,
    })
    .from(aiBudgets)
    .leftJoin(aiSpend, and(eq(aiSpend.workspaceId, aiBudgets.workspaceId), eq(aiSpend.scope, aiBudgets.scope), eq(aiSpend.month, month)))
    .leftJoin(campaigns, sql`${campaigns.id}::text = ${aiBudgets.scope}`)
    .where(eq(aiBudgets.workspaceId, ctx.workspaceId))
    .orderBy(asc(aiBudgets.scope));
  return rows.map((r) => ({ ...r, spentMicros: Number(r.spentMicros), reservedMicros: Number(r.reservedMicros), campaignName: r.campaignName ?? null }));
}
