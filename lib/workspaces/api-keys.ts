// Workspace API keys for the REST API: created and revoked in Settings, shown once, stored only as a SHA-256 hash.
// A key acts with a role no higher than its creator's; a revoked or unknown key authenticates nothing.
import "server-only";
import { processMap } from "@/lib/process-cache";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { apiKeys, members, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { assignableRoles, isRole, lesserRole } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { createApiKeySchema } from "./schemas";

const KEY_PREFIX = "aicmo_";

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  role: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdByName: string;
}

export async function listApiKeys(ctx: Ctx): Promise<ApiKeyRow[]> {
  authorize(ctx, "apikeys.manage");
  return ctx.db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      role: apiKeys.role,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      createdByName: users.name,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.createdByUserId))
    .where(eq(apiKeys.workspaceId, ctx.workspaceId))
    .orderBy(desc(apiKeys.createdAt));
}

/** Returns the plaintext key exactly once; only its hash is kept. */
export async function createApiKey(
  ctx: Ctx,
  raw: z.input<typeof createApiKeySchema>,
): Promise<{ key: string; apiKey: ApiKeyRow }> {
  authorize(ctx, "apikeys.manage");
  const input = createApiKeySchema.parse(raw);
  if (!assignableRoles(ctx.role).includes(input.role)) throw new ForbiddenError(`apikeys.grant.${input.role}`);
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  const prefix = key.slice(0, KEY_PREFIX.length + 6);
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        workspaceId: ctx.workspaceId,
        name: input.name,
        prefix,
        keyHash: hashApiKey(key),
        role: input.role,
        createdByUserId: ctx.userId,
      })
      .returning({ id: apiKeys.id });
    await recordAudit(tx, ctx, {
      action: "api_key.create",
      entityType: "api_key",
      entityId: row!.id,
      after: { name: input.name, prefix, role: input.role },
    });
    return row!.id;
  });
  const apiKey = (await listApiKeys(ctx)).find((k) => k.id === id)!;
  return { key, apiKey };
}

export async function revokeApiKey(ctx: Ctx, apiKeyId: string): Promise<{ id: string }> {
  authorize(ctx, "apikeys.manage");
  const [k] = await ctx.db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.workspaceId, ctx.workspaceId), eq(apiKeys.id, apiKeyId)))
    .limit(1);
  if (!k) throw new NotFoundError("API key");
  if (k.revokedAt) return { id: k.id };
  await ctx.db.transaction(async (tx) => {
    await tx.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, k.id));
    await recordAudit(tx, ctx, {
      action: "api_key.revoke",
      entityType: "api_key",
      entityId: k.id,
      before: { name: k.name, prefix: k.prefix },
    });
  });
  invalidateApiKeyCache();
  return { id: k.id };
}

/** How long a resolved key is trusted without asking Postgres again. Revoking, demoting or removing through this
 * process clears the cache at once; the TTL bounds what another process (a second server) may still accept. */
const KEY_CACHE_TTL_MS = 5_000;
const KEY_CACHE_MAX = 10_000;
/** last_used_at is advisory: written at most this often per key, so a hot key is not one UPDATE per request. */
const LAST_USED_EVERY_MS = 30_000;

type CachedKey = { ctx: Omit<Ctx, "db">; expires: number };
const keyCache = processMap<string, CachedKey>("api-keys");
const lastUsedWritten = processMap<string, number>("api-key-last-used");

/** Forgets every resolved key: called after a revoke and after any change to a member's role or membership. */
export function invalidateApiKeyCache(): void {
  keyCache.clear();
}

function touchLastUsed(db: DbOrTx, keyId: string, now: number): void {
  const last = lastUsedWritten.get(keyId);
  if (last !== undefined && now - last < LAST_USED_EVERY_MS) return;
  lastUsedWritten.set(keyId, now);
  void db
    .update(apiKeys)
    .set({ lastUsedAt: new Date(now) })
    .where(eq(apiKeys.id, keyId))
    .catch(() => lastUsedWritten.delete(keyId));
}

/**
 * Resolves a bearer key to a ctx, or null when it is unknown or revoked. The key's role is capped by its creator's
 * current role, so demoting or removing a member weakens or disables their keys (at once in this process, within
 * KEY_CACHE_TTL_MS elsewhere). Unknown keys are never cached, so a new key works at once.
 */
export async function ctxFromApiKey(db: DbOrTx, key: string): Promise<Ctx | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  const hash = hashApiKey(key);
  const now = Date.now();
  const cached = keyCache.get(hash);
  if (cached && cached.expires > now) {
    touchLastUsed(db, cached.ctx.apiKeyId!, now);
    return { ...cached.ctx, db };
  }
  const [row] = await db
    .select({ key: apiKeys, memberRole: members.role })
    .from(apiKeys)
    .leftJoin(members, and(eq(members.organizationId, apiKeys.workspaceId), eq(members.userId, apiKeys.createdByUserId)))
    .where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row || !isRole(row.key.role) || !isRole(row.memberRole)) {
    keyCache.delete(hash);
    return null;
  }
  const ctx: Omit<Ctx, "db"> = {
    workspaceId: row.key.workspaceId,
    userId: row.key.createdByUserId,
    role: lesserRole(row.key.role, row.memberRole),
    actorLabel: `api-key:${row.key.prefix}`,
    apiKeyId: row.key.id,
  };
  if (keyCache.size >= KEY_CACHE_MAX) keyCache.clear();
  keyCache.set(hash, { ctx, expires: now + KEY_CACHE_TTL_MS });
  touchLastUsed(db, row.key.id, now);
  return { ...ctx, db };
}
