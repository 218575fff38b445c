// The audit trail: who changed what, with a before/after summary. Every engine mutation records here, inside its transaction.
// Never store secrets (keys, passwords, tokens) in before/after: pass summaries, not rows, when a row holds one.
import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { auditLog, type AuditEntry } from "@/db/schema";
import { authorize, type Ctx } from "@/lib/auth/context";
import type { DbOrTx } from "@/db/client";
import { clampLimit, decodeCursor, encodeCursor, newestFirst, olderThan } from "@/lib/pagination";

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Writes one audit row with `db` (pass the transaction so the record commits or rolls back with the change). */
export async function recordAudit(db: DbOrTx, ctx: Ctx, input: AuditInput): Promise<void> {
  await db.insert(auditLog).values({
    workspaceId: ctx.workspaceId,
    actorUserId: ctx.apiKeyId ? null : ctx.userId,
    actorLabel: ctx.actorLabel,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    before: input.before ?? null,
    after: input.after ?? null,
  });
}

/** Only the fields that changed, as { before, after } summaries. */
export function diffSummary<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    const was = before[key];
    const now = after[key];
    if (now === undefined) continue;
    if (JSON.stringify(was) !== JSON.stringify(now)) {
      b[key] = was instanceof Date ? was.toISOString() : was;
      a[key] = now instanceof Date ? now.toISOString() : now;
    }
  }
  return { before: b, after: a };
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listAudit(
  ctx: Ctx,
  input: { cursor?: string | null; limit?: number; entityType?: string },
): Promise<AuditPage> {
  authorize(ctx, "audit.read");
  const limit = clampLimit(input.limit);
  const conds: SQL[] = [eq(auditLog.workspaceId, ctx.workspaceId)];
  if (input.entityType) conds.push(eq(auditLog.entityType, input.entityType));
  const cur = decodeCursor(input.cursor);
  const after = cur ? olderThan(auditLog.createdAt, auditLog.id, cur, "uuid") : null;
  if (after) conds.push(after);
  const rows = await ctx.db
    .select({ entry: auditLog, key: sql<string>`${auditLog.createdAt}::text` })
    .from(auditLog)
    .where(and(...conds))
    .orderBy(...newestFirst(auditLog.createdAt, auditLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    entries: page.map((r) => r.entry),
    nextCursor: rows.length > limit && last ? encodeCursor(last.key, last.entry.id) : null,
  };
}
