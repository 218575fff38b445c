// Resolves a workspace's chain for a task into concrete, decrypted provider configs, ending with the offline provider.
// Cached in memory for a few seconds, refreshed in the background (admin writes in this process clear it); never hand a
// decrypted key to the UI.
import "server-only";
import { processMap } from "@/lib/process-cache";
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { aiChains, aiPrices, aiProviders } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto/secrets";
import { DEFAULT_PRICES, ZERO_PRICE, type Price } from "./pricing";
import { readThrough, type StaleEntry } from "./stale-cache";
import type { AiTask, ProviderConfig, ProviderKind } from "./types";

export interface ResolvedProvider {
  /** null for the built-in offline provider. */
  id: string | null;
  name: string;
  kind: ProviderKind;
  weight: number;
  keyStatus: string;
  cfg: ProviderConfig;
  price: Price;
}

export interface ResolvedChain {
  task: AiTask;
  levels: ResolvedProvider[][];
  attemptTimeoutMs: number;
  deadlineMs: number;
  maxRetries: number;
  cacheTtlSeconds: number | null;
  /** Identifies the chain's providers and models, for cache keys. */
  fingerprint: string;
}

export const OFFLINE_MODEL = "offline-templates-v1";

export const OFFLINE_PROVIDER: ResolvedProvider = {
  id: null,
  name: "Offline (built in)",
  kind: "offline",
  weight: 1,
  keyStatus: "healthy",
  cfg: { kind: "offline", baseUrl: "", model: OFFLINE_MODEL },
  price: ZERO_PRICE,
};

export const CHAIN_DEFAULTS = { attemptTimeoutMs: 20_000, deadlineMs: 45_000, maxRetries: 2, cacheTtlSeconds: null as number | null };

/** A chain is reloaded this often under traffic (in the background: see stale-cache.ts); admin writes in this process
 * clear it at once, and a change made by another process shows within about this long. */
const TTL_MS = 3_000;
// The load's promise is cached, not the chain: calls that arrive while a chain is loading wait for that one load
// instead of each running the same three queries.
const cache = processMap<string, StaleEntry<ResolvedChain>>("ai-chain-cache");

export function invalidateChains(workspaceId?: string): void {
  if (!workspaceId) return cache.clear();
  for (const k of cache.keys()) if (k.startsWith(`${workspaceId}:`)) cache.delete(k);
}

export function resolveChain(db: DbOrTx, workspaceId: string, task: AiTask): Promise<ResolvedChain> {
  return readThrough(cache, `${workspaceId}:${task}`, TTL_MS, () => loadChain(db, workspaceId, task));
}

async function loadChain(db: DbOrTx, workspaceId: string, task: AiTask): Promise<ResolvedChain> {
  const [providers, [chainRow], prices] = await Promise.all([
    db.select().from(aiProviders).where(and(eq(aiProviders.workspaceId, workspaceId), eq(aiProviders.enabled, true))).orderBy(asc(aiProviders.createdAt)),
    db.select().from(aiChains).where(and(eq(aiChains.workspaceId, workspaceId), eq(aiChains.task, task))).limit(1),
    db.select().from(aiPrices).where(eq(aiPrices.workspaceId, workspaceId)),
  ]);
  const priceOf = (kind: string, model: string): Price =>
    prices.find((p) => p.kind === kind && p.model === model) ?? DEFAULT_PRICES[`${kind}:${model}`] ?? ZERO_PRICE;
  const byId = new Map(providers.map((p) => [p.id, p]));
  const resolve = (id: string, weight: number): ResolvedProvider | null => {
    const p = byId.get(id);
    if (!p) return null;
    if (p.kind === "offline") return { ...OFFLINE_PROVIDER, id: p.id, name: p.name, weight };
    return {
      id: p.id,
      name: p.name,
      kind: p.kind as ProviderKind,
      weight,
      keyStatus: p.keyStatus,
      cfg: {
        kind: p.kind as ProviderKind,
        baseUrl: p.baseUrl,
        model: p.model,
        apiKey: p.apiKeyEnc ? decryptSecret(p.apiKeyEnc) : undefined,
        headers: p.headers,
      },
      price: priceOf(p.kind, p.model),
    };
  };

  let levels: ResolvedProvider[][];
  if (chainRow && chainRow.levels.length > 0) {
    levels = chainRow.levels
      .map((l) => l.providers.map((p) => resolve(p.providerId, p.weight)).filter((p): p is ResolvedProvider => p !== null))
      .filter((l) => l.length > 0);
  } else {
    // No chain saved: every enabled provider in the order it was added, one per level.
    levels = providers.filter((p) => p.kind !== "offline").map((p) => [resolve(p.id, 1)!]);
  }
  if (!levels.some((l) => l.some((p) => p.kind === "offline"))) levels.push([OFFLINE_PROVIDER]);

  const chain: ResolvedChain = {
    task,
    levels,
    attemptTimeoutMs: chainRow?.attemptTimeoutMs ?? CHAIN_DEFAULTS.attemptTimeoutMs,
    deadlineMs: chainRow?.deadlineMs ?? CHAIN_DEFAULTS.deadlineMs,
    maxRetries: chainRow?.maxRetries ?? CHAIN_DEFAULTS.maxRetries,
    cacheTtlSeconds: chainRow?.cacheTtlSeconds ?? CHAIN_DEFAULTS.cacheTtlSeconds,
    fingerprint: levels.map((l) => l.map((p) => `${p.id ?? "offline"}/${p.cfg.model}`).join("+")).join(">"),
  };
  return chain;
}

/** Peers at one level in a weighted random order (each draw without replacement). */
export function weightedOrder<T extends { weight: number }>(peers: T[], random: () => number = Math.random): T[] {
  const pool = [...peers];
  const out: T[] = [];
  while (pool.length > 0) {
    const total = pool.reduce((s, p) => s + Math.max(p.weight, 0), 0);
    let r = random() * total;
    let i = 0;
    for (; i < pool.length - 1; i++) {
      r -= Math.max(pool[i]!.weight, 0);
      if (r < 0) break;
    }
    out.push(pool.splice(i, 1)[0]!);
  }
  return out;
}
