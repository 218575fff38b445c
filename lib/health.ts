// The health report behind /api/health: can we reach Postgres, is the queue up, are workers running here.
// Reports facts only; never includes connection strings, hostnames of the database or counts per workspace.
import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { BOSS_SCHEMA } from "@/lib/jobs/queue";
import { env } from "@/lib/env";
import { workersAreRunning } from "@/lib/jobs/runtime";

export interface HealthReport {
  status: "ok" | "degraded" | "down";
  database: { ok: boolean; latencyMs: number | null; error?: string };
  queue: {
    ok: boolean;
    workers: "running" | "starting" | "disabled" | "stopped";
    /** Jobs waiting (created + retry) and failed in the last 24 h, over all queues. */
    waiting?: number;
    failedLastDay?: number;
    error?: string;
  };
}

export async function healthReport(): Promise<HealthReport> {
  const db = getDb();
  const started = performance.now();
  let database: HealthReport["database"];
  try {
    await db.execute(sql`select 1`);
    database = { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (e) {
    database = { ok: false, latencyMs: null, error: e instanceof Error ? e.message.split("\n")[0] : "unreachable" };
  }
  let queue: HealthReport["queue"];
  const workers = !env().RUN_WORKERS ? "disabled" : workersAreRunning() ? "running" : "starting";
  if (!database.ok) {
    queue = { ok: false, workers, error: "database unreachable" };
  } else {
    try {
      const r = await db.execute<{ waiting: number; failed: number }>(
        sql.raw(`select
            count(*) filter (where state in ('created','retry'))::int as waiting,
            count(*) filter (where state = 'failed' and completed_on > now() - interval '1 day')::int as failed
          from ${BOSS_SCHEMA}.job`),
      );
      const row = r.rows[0];
      queue = { ok: true, workers, waiting: row?.waiting ?? 0, failedLastDay: row?.failed ?? 0 };
    } catch {
      queue = { ok: false, workers, error: "queue schema not installed yet" };
    }
  }
  const status = !database.ok ? "down" : queue.ok && workers !== "starting" ? "ok" : "degraded";
  return { status, database, queue };
}
