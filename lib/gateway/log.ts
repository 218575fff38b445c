// The request log writer: every gateway call becomes one ai_requests row plus one ai_attempts row per provider attempt.
// Writes are batched off the hot path (flushed every 100 ms or 200 rows) so logging never adds latency to a call.
import "server-only";
import type { DbOrTx } from "@/db/client";
import { aiAttempts, aiRequests } from "@/db/schema";
import { logger } from "@/lib/log";

type RequestRow = typeof aiRequests.$inferInsert & { id: string; workspaceId: string };
type AttemptRow = typeof aiAttempts.$inferInsert;

interface Pending {
  db: DbOrTx;
  request: RequestRow;
  attempts: AttemptRow[];
}

const FLUSH_MS = 100;
const FLUSH_ROWS = 200;

const g = globalThis as typeof globalThis & { __aicmoAiLog?: { queue: Pending[]; timer: NodeJS.Timeout | null; flushing: Promise<void> | null } };
const state = (g.__aicmoAiLog ??= { queue: [], timer: null, flushing: null });

export function logAiRequest(db: DbOrTx, request: RequestRow): void {
  const attempts: AttemptRow[] = (request.attempts ?? [])
    .filter((a) => !a.skipped)
    .map((a) => ({
      workspaceId: request.workspaceId,
      requestId: request.id,
      providerId: a.providerId,
      providerKind: a.kind,
      model: a.model,
      ok: a.ok,
      latencyMs: a.latencyMs,
      errorKind: a.error?.kind ?? null,
      httpStatus: a.error?.status ?? null,
    }));
  state.queue.push({ db, request, attempts });
  if (state.queue.length >= FLUSH_ROWS) void flushAiLog();
  else state.timer ??= setTimeout(() => void flushAiLog(), FLUSH_MS);
}

async function writeBatch(db: DbOrTx, batch: Pending[]): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await tx.insert(aiRequests).values(batch.map((b) => b.request));
      const attempts = batch.flatMap((b) => b.attempts);
      if (attempts.length) await tx.insert(aiAttempts).values(attempts);
    });
  } catch (err) {
    // One bad row (e.g. a campaign deleted mid-call) must not lose the others: write them one by one.
    logger().warn({ err }, "AI log batch failed; writing rows one by one");
    for (const b of batch) {
      try {
        await db.transaction(async (tx) => {
          await tx.insert(aiRequests).values({ ...b.request, campaignId: null });
          if (b.attempts.length) await tx.insert(aiAttempts).values(b.attempts);
        });
      } catch (e) {
        logger().error({ err: e, requestId: b.request.id }, "could not write an AI log row");
      }
    }
  }
}

/** Writes everything queued so far. Tests and shutdown call it; callers never need to. */
export async function flushAiLog(): Promise<void> {
  if (state.timer) {
    clearTimeout(state.timer);
    state.timer = null;
  }
  while (state.flushing) await state.flushing;
  if (state.queue.length === 0) return;
  const batch = state.queue.splice(0, state.queue.length);
  const byDb = new Map<DbOrTx, Pending[]>();
  for (const b of batch) byDb.set(b.db, [...(byDb.get(b.db) ?? []), b]);
  state.flushing = Promise.all([...byDb].map(([db, rows]) => writeBatch(db, rows))).then(() => undefined);
  try {
    await state.flushing;
  } finally {
    state.flushing = null;
  }
  if (state.queue.length > 0) await flushAiLog();
}
