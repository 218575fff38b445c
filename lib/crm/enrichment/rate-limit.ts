// Per-workspace limits on website fetches, shared by every web and worker process through Postgres: at most N fetches at
// once (session advisory locks, released by the server if a process dies) and at most M per minute (a fixed-window counter).
// Never hold a slot past the fetch, and never let one workspace's limit block another's.
import "server-only";
import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import type { DbOrTx } from "@/db/client";

export const WEBSITE_FETCH_LIMITS = {
  /** Fetches in flight per workspace, across all processes. */
  concurrent: 2,
  /** Fetches started per workspace per minute. */
  perMinute: 30,
};

/** The workspace has used its website-fetch allowance; `retryAfterMs` says when a slot frees up. */
export class EnrichmentRateLimitedError extends Error {
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number) {
    super(`rate limited: website fetches for this workspace resume in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s`);
    this.name = "EnrichmentRateLimitedError";
    this.retryAfterMs = retryAfterMs;
  }
}

export interface WebsiteLimiter {
  /** Waits up to `maxWaitMs` for a slot; resolves with its release, or throws EnrichmentRateLimitedError. */
  acquire(workspaceId: string, maxWaitMs: number): Promise<() => Promise<void>>;
}

export const unlimitedWebsiteLimiter: WebsiteLimiter = {
  acquire: async () => async () => {},
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One of `concurrent` advisory-lock slots for the workspace, held on a dedicated connection until released. */
async function takeSlot(pool: pg.Pool, workspaceId: string, concurrent: number): Promise<(() => Promise<void>) | null> {
  const key = `enrichment.website:${workspaceId}`;
  const client = await pool.connect();
  try {
    for (let slot = 0; slot < concurrent; slot++) {
      const { rows } = await client.query<{ ok: boolean }>("select pg_try_advisory_lock(hashtext($1), $2) as ok", [key, slot]);
      if (rows[0]?.ok) {
        let released = false;
        return async () => {
          if (released) return;
          released = true;
          try {
            await client.query("select pg_advisory_unlock(hashtext($1), $2)", [key, slot]);
            client.release();
          } catch (e) {
            // Destroying the connection ends the session, which drops the lock.
            client.release(e as Error);
          }
        };
      }
    }
    client.release();
    return null;
  } catch (e) {
    client.release(e as Error);
    throw e;
  }
}

/**
 * The Postgres-backed limiter. The per-minute counter lives in rate-limiter-flexible's generic key/points/expire table
 * (`login_rate_limits`, keys prefixed `enrich-web:`), the only such table the schema has.
 */
export function postgresWebsiteLimiter(pool: pg.Pool, limits = WEBSITE_FETCH_LIMITS): WebsiteLimiter {
  const perMinute = new RateLimiterPostgres({
    storeClient: pool,
    storeType: "pool",
    tableName: "login_rate_limits",
    tableCreated: true,
    clearExpiredByTimeout: false,
    keyPrefix: "enrich-web",
    points: limits.perMinute,
    duration: 60,
  });
  return {
    async acquire(workspaceId, maxWaitMs) {
      const deadline = Date.now() + maxWaitMs;
      for (;;) {
        let waitMs = 250;
        const release = await takeSlot(pool, workspaceId, limits.concurrent);
        if (release) {
          try {
            await perMinute.consume(workspaceId);
            return release;
          } catch (e) {
            await release();
            if (!(e instanceof RateLimiterRes)) throw e;
            waitMs = Math.max(50, e.msBeforeNext);
          }
        }
        if (Date.now() + waitMs > deadline) throw new EnrichmentRateLimitedError(waitMs);
        await sleep(waitMs);
      }
    },
  };
}

const byPool = new WeakMap<pg.Pool, WebsiteLimiter>();

/** The shared limiter for the pool behind `db`; unlimited when `db` is a transaction (no pool to hold slots on). */
export function websiteLimiterFor(db: DbOrTx): WebsiteLimiter {
  const pool = (db as { $client?: pg.Pool }).$client;
  if (!pool || typeof pool.connect !== "function") return unlimitedWebsiteLimiter;
  let limiter = byPool.get(pool);
  if (!limiter) {
    limiter = postgresWebsiteLimiter(pool);
    byPool.set(pool, limiter);
  }
  return limiter;
}
