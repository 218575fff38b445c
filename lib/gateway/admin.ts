// Workspace administration of the gateway: providers (keys sealed with AES-256-GCM), task chains, prices and budgets.
// Keys are write-only: nothing here returns a key or its ciphertext, only a four-character hint.
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { aiBudgets, aiChains, aiPrices, aiProviders, aiSpend, campaigns, type AiProvider } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { encryptSecret } from "@/lib/crypto/secrets";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { resetBreaker } from "./breakers";
import { invalidateBudgets, monthKey } from "./budget";
import { invalidateChains } from "./chains";
import { DEFAULT_PRICES } from "./pricing";
import {
  DEFAULT_BASE_URLS,
  createProviderSchema,
  saveChainSchema,
  setBudgetSchema,
  resetPriceSchema,
  setPriceSchema,
  updateProviderSchema,
} from "./schemas";
import type { AiTask, ProviderKind } from "./types";

/** What the UI and API may see of a provider. */
export type ProviderView = Omit<AiProvider, "apiKeyEnc"> & { hasKey: boolean };

export function toProviderView(p: AiProvider): ProviderView {
  const { apiKeyEnc, ...rest } = p;
  return { ...rest, hasKey: !!apiKeyEnc };
}

export async function listProviders(ctx: Ctx): Promise<ProviderView[]> {
  authorize(ctx, "ai.read");
  const rows = await ctx.db.select().from(aiProviders).where(eq(aiProviders.workspaceId, ctx.workspaceId)).orderBy(asc(aiProviders.createdAt));
  return rows.map(toProviderView);
}

async function getProviderRow(ctx: Ctx, id: string): Promise<AiProvider> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError("AI provider");
  const [row] = await ctx.db
    .select()
    .from(aiProviders)
    .where(and(eq(aiProviders.workspaceId, ctx.workspaceId), eq(aiProviders.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError("AI provider");
  return row;
}

export async function getProvider(ctx: Ctx, id: string): Promise<ProviderView> {
  authorize(ctx, "ai.read");
  return toProviderView(await getProviderRow(ctx, id));
}

function hint(key: string): string {
  return key.slice(-4);
}

export async function createProvider(ctx: Ctx, raw: z.input<typeof createProviderSchema>): Promise<ProviderView> {
  authorize(ctx, "ai.manage");
  const input = createProviderSchema.parse(raw);
  const baseUrl = input.baseUrl ?? DEFAULT_BASE_URLS[input.kind];
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(aiProviders)
      .values({
        workspaceId: ctx.workspaceId,
        name: input.name,
        kind: input.kind,
        baseUrl,
        model: input.model,
        apiKeyEnc: input.apiKey ? encryptSecret(input.apiKey) : null,
        apiKeyHint: input.apiKey ? hint(input.apiKey) : null,
        headers: input.headers,
        enabled: input.enabled,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: "ai_provider.create",
      entityType: "ai_provider",
      entityId: row!.id,
      after: { name: input.name, kind: input.kind, model: input.model, baseUrl, hasKey: !!input.apiKey },
    });
    invalidateChains(ctx.workspaceId);
    return toProviderView(row!);
  });
}

export async function updateProvider(ctx: Ctx, raw: z.input<typeof updateProviderSchema>): Promise<ProviderView> {
  authorize(ctx, "ai.manage");
  const { id, apiKey, ...patch } = updateProviderSchema.parse(raw);
  const before = await getProviderRow(ctx, id);
  const set: Partial<AiProvider> = { ...patch, updatedAt: new Date() };
  if (apiKey) {
    set.apiKeyEnc = encryptSecret(apiKey);
    set.apiKeyHint = hint(apiKey);
    set.keyStatus = "unknown";
    set.keyStatusReason = null;
  }
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.update(aiProviders).set(set).where(eq(aiProviders.id, id)).returning();
    await recordAudit(tx, ctx, {
      action: "ai_provider.update",
      entityType: "ai_provider",
      entityId: id,
      before: { name: before.name, model: before.model, baseUrl: before.baseUrl, enabled: before.enabled },
      after: { ...patch, ...(apiKey ? { apiKey: "replaced" } : {}) },
    });
    resetBreaker(id);
    invalidateChains(ctx.workspaceId);
    return toProviderView(row!);
  });
}

export async function deleteProvider(ctx: Ctx, id: string): Promise<{ id: string }> {
  authorize(ctx, "ai.manage");
  const before = await getProviderRow(ctx, id);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(aiProviders).where(eq(aiProviders.id, id));
    // Drop the provider from every chain that named it.
    const chains = await tx.select().from(aiChains).where(eq(aiChains.workspaceId, ctx.workspaceId));
    for (const c of chains) {
      const levels = c.levels
        .map((l) => ({ providers: l.providers.filter((p) => p.providerId !== id) }))
        .filter((l) => l.providers.length > 0);
      if (levels.length !== c.levels.length || JSON.stringify(levels) !== JSON.stringify(c.levels)) {
        await tx.update(aiChains).set({ levels, updatedAt: new Date() }).where(and(eq(aiChains.workspaceId, ctx.workspaceId), eq(aiChains.task, c.task)));
      }
    }
    await recordAudit(tx, ctx, { action: "ai_provider.delete", entityType: "ai_provider", entityId: id, before: { name: before.name, kind: before.kind } });
  });
  resetBreaker(id);
  invalidateChains(ctx.workspaceId);
  return { id };
}

/** Marks a provider's key unhealthy after a 401/403, so the UI says so and the router skips it until the key changes. */
export async function markKeyUnhealthy(ctx: Pick<Ctx, "db" | "workspaceId">, providerId: string, reason: string): Promise<void> {
  await ctx.db
    .update(aiProviders)
    .set({ keyStatus: "unhealthy", keyStatusReason: reason.slice(0, 300), updatedAt: new Date() })
    .where(and(eq(aiProviders.workspaceId, ctx.workspaceId), eq(aiProviders.id, providerId)));
}

export async function markKeyHealthy(ctx: Pick<Ctx, "db" | "workspaceId">, providerId: string): Promise<void> {
  await ctx.db
    .update(aiProviders)
    .set({ keyStatus: "healthy", keyStatusReason: null })
    .where(and(eq(aiProviders.workspaceId, ctx.workspaceId), eq(aiProviders.id, providerId), eq(aiProviders.keyStatus, "unknown")));
}

// ------------------------------------------------------------------------------------------------- chains

export interface ChainView {
  task: AiTask;
  levels: { providers: { providerId: string; weight: number }[] }[];
  attemptTimeoutMs: number;
  deadlineMs: number;
  maxRetries: number;
  cacheTtlSeconds: number | null;
  /** True when no chain is saved and the default (every enabled provider in order, then offline) applies. */
  isDefault: boolean;
}

export async function saveChain(ctx: Ctx, raw: z.input<typeof saveChainSchema>): Promise<ChainView> {
  authorize(ctx, "ai.manage");
  const input = saveChainSchema.parse(raw);
  const ids = new Set(input.levels.flatMap((l) => l.providers.map((p) => p.providerId)));
  if (ids.size > 0) {
    const own = await ctx.db.select({ id: aiProviders.id }).from(aiProviders).where(eq(aiProviders.workspaceId, ctx.workspaceId));
    const ownIds = new Set(own.map((r) => r.id));
    const unknown = [...ids].filter((id) => !ownIds.has(id));
    if (unknown.length) throw new ValidationError({ levels: [`Unknown provider(s): ${unknown.join(", ")}`] });
  }
  await ctx.db.transaction(async (tx) => {
    const values = { ...input, workspaceId: ctx.workspaceId, updatedAt: new Date() };
    await tx.insert(aiChains).values(values).onConflictDoUpdate({ target: [aiChains.workspaceId, aiChains.task], set: values });
    await recordAudit(tx, ctx, { action: "ai_chain.save", entityType: "ai_chain", entityId: input.task, after: input });
  });
  invalidateChains(ctx.workspaceId);
  return { ...input, isDefault: false };
}

// ------------------------------------------------------------------------------------------------- prices

export async function setPrice(ctx: Ctx, raw: z.input<typeof setPriceSchema>) {
  authorize(ctx, "ai.manage");
  const input = setPriceSchema.parse(raw);
  const values = {
    workspaceId: ctx.workspaceId,
    kind: input.kind,
    model: input.model,
    inputPerMTokMicros: Math.round(input.inputPerMTokUsd * 1_000_000),
    outputPerMTokMicros: Math.round(input.outputPerMTokUsd * 1_000_000),
    updatedAt: new Date(),
  };
  await ctx.db.transaction(async (tx) => {
    await tx.insert(aiPrices).values(values).onConflictDoUpdate({ target: [aiPrices.workspaceId, aiPrices.kind, aiPrices.model], set: values });
    await recordAudit(tx, ctx, { action: "ai_price.set", entityType: "ai_price", entityId: `${input.kind}:${input.model}`, after: input });
  });
  invalidateChains(ctx.workspaceId);
  return values;
}

/** Deletes this workspace's override for one model; later calls are costed at the built-in price again. */
export async function resetPrice(ctx: Ctx, raw: z.input<typeof resetPriceSchema>): Promise<{ kind: string; model: string; removed: boolean }> {
  authorize(ctx, "ai.manage");
  const input = resetPriceSchema.parse(raw);
  const removed = await ctx.db.transaction(async (tx) => {
    const gone = await tx
      .delete(aiPrices)
      .where(and(eq(aiPrices.workspaceId, ctx.workspaceId), eq(aiPrices.kind, input.kind), eq(aiPrices.model, input.model)))
      .returning();
    if (gone.length === 0) return false;
    await recordAudit(tx, ctx, {
      action: "ai_price.reset",
      entityType: "ai_price",
      entityId: `${input.kind}:${input.model}`,
      before: { inputPerMTokMicros: gone[0]!.inputPerMTokMicros, outputPerMTokMicros: gone[0]!.outputPerMTokMicros },
    });
    return true;
  });
  invalidateChains(ctx.workspaceId);
  return { kind: input.kind, model: input.model, removed };
}

export interface PriceRow {
  kind: string;
  model: string;
  inputPerMTokMicros: number;
  outputPerMTokMicros: number;
  source: "workspace" | "default";
}

/** The workspace's prices, with the built-in defaults for models it has not priced itself. */
export async function listPrices(ctx: Ctx): Promise<PriceRow[]> {
  authorize(ctx, "ai.read");
  const own = await ctx.db.select().from(aiPrices).where(eq(aiPrices.workspaceId, ctx.workspaceId));
  const rows: PriceRow[] = own.map((p) => ({ ...p, source: "workspace" as const }));
  const have = new Set(own.map((p) => `${p.kind}:${p.model}`));
  for (const [key, price] of Object.entries(DEFAULT_PRICES)) {
    if (have.has(key)) continue;
    const [kind, ...model] = key.split(":");
    rows.push({ kind: kind as ProviderKind, model: model.join(":"), ...price, source: "default" });
  }
  return rows.sort((a, b) => `${a.kind}:${a.model}`.localeCompare(`${b.kind}:${b.model}`));
}

// ------------------------------------------------------------------------------------------------- budgets

export async function setBudget(ctx: Ctx, raw: z.input<typeof setBudgetSchema>) {
  authorize(ctx, "ai.manage");
  const input = setBudgetSchema.parse(raw);
  if (input.campaignId) {
    const [c] = await ctx.db
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(and(eq(campaigns.workspaceId, ctx.workspaceId), eq(campaigns.id, input.campaignId)));
    if (!c) throw new NotFoundError("Campaign");
  }
  const scope = input.campaignId ?? "workspace";
  await ctx.db.transaction(async (tx) => {
    if (input.monthlyLimitUsd === null) {
      await tx.delete(aiBudgets).where(and(eq(aiBudgets.workspaceId, ctx.workspaceId), eq(aiBudgets.scope, scope)));
    } else {
      const values = { workspaceId: ctx.workspaceId, scope, monthlyLimitMicros: Math.round(input.monthlyLimitUsd * 1_000_000), updatedAt: new Date() };
      await tx.insert(aiBudgets).values(values).onConflictDoUpdate({ target: [aiBudgets.workspaceId, aiBudgets.scope], set: values });
    }
    // Recount this month's spend from the log at the next call (calls made while no budget applied were not counted).
    await tx
      .delete(aiSpend)
      .where(and(eq(aiSpend.workspaceId, ctx.workspaceId), eq(aiSpend.scope, scope), eq(aiSpend.month, monthKey()), eq(aiSpend.reservedMicros, 0)));
    await recordAudit(tx, ctx, { action: "ai_budget.set", entityType: "ai_budget", entityId: scope, after: { monthlyLimitUsd: input.monthlyLimitUsd } });
  });
  invalidateBudgets(ctx.workspaceId);
  return { scope, monthlyLimitUsd: input.monthlyLimitUsd };
}
