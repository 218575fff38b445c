// The request log writer: every gateway call becomes one ai_requests row plus one ai_attempts row per provider attempt.
// Writes are batched off the hot path (flushed every 100 ms or 200 rows) so logging never adds latency to a call, and
// whatever is queued is written at a clean shutdown (shutdown.ts).
import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { aiAttempts, aiRequests } from "@/db/schema";
import { logger } from "@/lib/log";
import { onGatewayShutdown } from "./shutdown";

type RequestRow = typeof aiRequests.$inferInsert & { id: string; workspaceId: string };
type AttemptRow = typeof aiAttempts.$inferInsert;

interface Pending {
  db: DbOrTx;
  request: RequestRow;
  attempts: AttemptRow[];
}

const FLUSH_MS = 100;
const FLUSH_ROWS = 200;

interface LogState {
  queue: Pending[];
  timer: NodeJS.Timeout | null;
  flushing: Promise<void> | null;
  /** The queue is written at a clean shutdown (SIGTERM/SIGINT), after in-flight calls end: see shutdown.ts. */
  flushOnShutdown?: boolean;
}
const g = globalThis as typeof globalThis & { __aicmoAiLog?: LogState };
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
  if (!state.flushOnShutdown) {
    state.flushOnShutdown = true;
    onGatewayShutdown("flush", flushAiLog);
  }
  state.queue.push({ db, request, attempts });
  if (state.queue.length >= FLUSH_ROWS) void flushAiLog();
  else state.timer ??= setTimeout(() => void flushAiLog(), FLUSH_MS);
}

/**
 * The batch as ONE statement: both tables' rows travel as two JSON parameters (the queued objects as they are, read
 * by their camelCase keys), expanded by json_to_recordset, and a data-modifying CTE inserts the requests while the main
 * statement inserts the attempts. One round trip and no transaction (a single statement is atomic), and one native
 * JSON.stringify instead of per-row, per-column work in the query builder or the driver (a fifth of the dedicated
 * listener's CPU under load when the batch was a VALUES list). A missing key is null: NOT NULL columns are coalesced to
 * their defaults, since an explicit null would not fall back to the column default.
 */
async function insertBatch(db: DbOrTx, batch: Pending[]): Promise<void> {
  const requests = JSON.stringify(batch.map((b) => b.request));
  const attempts = JSON.stringify(batch.flatMap((b) => b.attempts));
  await db.execute(sql`
    with requests as (
      insert into ai_requests (id, workspace_id, task, campaign_id, status, provider_id, provider_kind, model, stream, cache_hit,
        latency_ms, tokens_in, tokens_out, cost_micros, attempts, error_code, error_message, actor_label)
      select "id", "workspaceId", "task", "campaignId", "status", "providerId", "providerKind", "model", coalesce("stream", false),
        coalesce("cacheHit", false), coalesce("latencyMs", 0), coalesce("tokensIn", 0), coalesce("tokensOut", 0),
        coalesce("costMicros", 0), coalesce("attempts", '[]'::jsonb), "errorCode", "errorMessage", coalesce("actorLabel", '')
      from json_to_recordset(${requests}::json) as r("id" uuid, "workspaceId" text, "task" text, "campaignId" uuid, "status" text,
        "providerId" uuid, "providerKind" text, "model" text, "stream" bool, "cacheHit" bool, "latencyMs" int, "tokensIn" int,
        "tokensOut" int, "costMicros" bigint, "attempts" jsonb, "errorCode" text, "errorMessage" text, "actorLabel" text)
    )
    insert into ai_attempts (workspace_id, request_id, provider_id, provider_kind, model, ok, latency_ms, error_kind, http_status)
    select "workspaceId", "requestId", "providerId", "providerKind", "model", "ok", "latencyMs", "errorKind", "httpStatus"
    from json_to_recordset(${attempts}::json) as a("workspaceId" text, "requestId" uuid, "providerId" uuid, "providerKind" text,
      "model" text, "ok" bool, "latencyMs" int, "errorKind" text, "httpStatus" int)`);
}

async function writeBatch(db: DbOrTx, batch: Pending[]): Promise<void> {
  try {
    await insertBatch(db, batch);
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
  for (const b of batch) {
    const rows = byDb.get(b.db);
    if (rows) rows.push(b);
    else byDb.set(b.db, [b]);
  }
  state.flushing = Promise.all([...byDb].map(([db, rows]) => writeBatch(db, rows))).then(() => undefined);
  try {
    await state.flushing;
  } finally {
    state.flushing = null;
  }
  if (state.queue.length > 0) await flushAiLog();
}
