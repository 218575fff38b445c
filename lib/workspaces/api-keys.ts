// Workspace API keys for the REST API: created and revoked in Settings, shown once, stored only as a SHA-256 hash.
// A key acts with a role no higher than its creator's; a revoked or unknown key authenticates nothing.
import "server-only";
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
  return { id: k.id };
}

/**
 * Resolves a bearer key to a ctx, or null when it is unknown or revoked. The key's role is capped by its creator's
 * current role, so demoting or removing a member weakens or disables their keys at once.
 */
export async function ctxFromApiKey(db: DbOrTx, key: string): Promise<Ctx | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  const [row] = await db
    .select({ key: apiKeys, memberRole: members.role })
    .from(apiKeys)
    .leftJoin(members, and(eq(members.organizationId, apiKeys.workspaceId), eq(members.userId, apiKeys.createdByUserId)))
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row || !isRole(row.key.role) || !isRole(row.memberRole)) return null;
  const role = lesserRole(row.key.role, row.memberRole);
  // Last-used is advisory; update it without blocking the request on a hot key.
  void db
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(eq(apiKeys.id, row.key.id))
    .catch(() => {});
  return {
    db,
    workspaceId: row.key.workspaceId,
    userId: row.key.createdByUserId,
    role,
    actorLabel: `api-key:${row.key.prefix}`,
    apiKeyId: row.key.id,
  };
}
