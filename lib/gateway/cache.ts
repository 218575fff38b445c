// Exact-match response cache in Postgres, opt-in per task with a TTL. The key hashes everything that shapes the
// answer (task, chain models, messages, parameters, structured input); never cache a failure or a streamed partial.
import "server-only";
import { createHash } from "node:crypto";
import { and, eq, gt, lt } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { aiCache } from "@/db/schema";
import type { ChatRequest, ChatResult } from "./types";

export function cacheKey(task: string, chainFingerprint: string, req: Omit<ChatRequest, "model">): string {
  const material = JSON.stringify([task, chainFingerprint, req.messages, req.maxTokens ?? null, req.temperature ?? null, req.json ?? null, req.input ?? null]);
  return createHash("sha256").update(material).digest("hex");
}

export interface CachedAnswer {
  result: ChatResult;
  providerId: string | null;
  providerKind: string;
}

export async function cacheGet(db: DbOrTx, workspaceId: string, key: string): Promise<CachedAnswer | null> {
  const [row] = await db
    .select({ response: aiCache.response })
    .from(aiCache)
    .where(and(eq(aiCache.workspaceId, workspaceId), eq(aiCache.key, key), gt(aiCache.expiresAt, new Date())))
    .limit(1);
  return (row?.response as CachedAnswer | undefined) ?? null;
}

export async function cachePut(db: DbOrTx, workspaceId: string, key: string, task: string, answer: CachedAnswer, ttlSeconds: number): Promise<void> {
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  await db
    .insert(aiCache)
    .values({ workspaceId, key, task, response: answer, expiresAt })
    .onConflictDoUpdate({ target: [aiCache.workspaceId, aiCache.key], set: { response: answer, expiresAt, createdAt: new Date() } });
}

export async function purgeExpiredCache(db: DbOrTx, now = new Date()): Promise<number> {
  const rows = await db.delete(aiCache).where(lt(aiCache.expiresAt, now)).returning({ key: aiCache.key });
  return rows.length;
}
