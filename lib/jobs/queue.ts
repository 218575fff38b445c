// The durable Postgres job queue (pg-boss) on the app's own database: enqueue with validation, and run workers.
// Invalid payloads never run and never retry; handlers receive a validated payload only.
import "server-only";
import PgBoss from "pg-boss";
import { z } from "zod";
import { createDb, type Db } from "@/db/client";
import { ValidationError } from "@/lib/errors";
import { fieldErrorsFromZodIssues } from "@/lib/validation";
import { logger } from "@/lib/log";
import type { JobDefinition } from "./define";

export const BOSS_SCHEMA = "pgboss";

export interface Queue {
  boss: PgBoss;
  db: Db;
  stop(): Promise<void>;
}

/** Starts pg-boss (creating or migrating its schema) on `url`. `supervise` runs its maintenance loop. */
export async function startQueue(url: string, opts: { supervise?: boolean; schedule?: boolean } = {}): Promise<Queue> {
  const boss = new PgBoss({
    connectionString: url,
    schema: BOSS_SCHEMA,
    max: 5,
    supervise: opts.supervise ?? true,
    schedule: opts.schedule ?? true,
    application_name: "aicmo-queue",
  });
  // Log the message and code only: pg errors carry the whole client object, connection settings included.
  boss.on("error", (err: Error & { code?: string }) => logger().error({ error: err.message, code: err.code }, "queue error"));
  await boss.start();
  const db = createDb(url, 5);
  return {
    boss,
    db,
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      await db.$client.end();
    },
  };
}

async function ensureQueue(boss: PgBoss, def: JobDefinition): Promise<void> {
  await boss.createQueue(def.name, {
    name: def.name,
    retryLimit: def.retryLimit ?? 3,
    retryDelay: def.retryDelaySeconds ?? 5,
    retryBackoff: true,
    expireInSeconds: def.expireInSeconds ?? 15 * 60,
  });
}

/** Validates then enqueues; returns the job id. A bad payload throws VALIDATION_FAILED and enqueues nothing. */
export async function enqueue<S extends z.ZodType>(
  boss: PgBoss,
  def: JobDefinition<S>,
  payload: z.input<S>,
  options: PgBoss.SendOptions = {},
): Promise<string> {
  const parsed = def.schema.safeParse(payload);
  if (!parsed.success) throw new ValidationError(fieldErrorsFromZodIssues(parsed.error.issues), `Invalid payload for ${def.name}.`);
  await ensureQueue(boss, def as unknown as JobDefinition);
  const id = await boss.send(def.name, parsed.data as object, options);
  if (!id) throw new Error(`The queue refused a ${def.name} job (singleton or throttled).`);
  return id;
}

/** Marks the job as out of retries so the failure that follows is final. */
async function exhaustRetries(boss: PgBoss, name: string, id: string): Promise<void> {
  const db = boss.getDb();
  await db.executeSql(`UPDATE ${BOSS_SCHEMA}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2`, [name, id]);
}

export class InvalidPayloadError extends Error {
  constructor(jobName: string, issues: z.core.$ZodIssue[]) {
    super(`Invalid payload for ${jobName}: ${issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
    this.name = "InvalidPayloadError";
  }
}

/** Registers every definition's worker (and cron schedule) on this process. */
export async function startWorkers(queue: Queue, defs: JobDefinition[]): Promise<void> {
  for (const def of defs) {
    await ensureQueue(queue.boss, def);
    await queue.boss.work(def.name, { batchSize: 1, includeMetadata: true }, async (jobs) => {
      for (const job of jobs) {
        const parsed = def.schema.safeParse(job.data);
        if (!parsed.success) {
          await exhaustRetries(queue.boss, def.name, job.id);
          logger().warn({ job: def.name, id: job.id }, "invalid job payload: failed without retry");
          throw new InvalidPayloadError(def.name, parsed.error.issues);
        }
        await def.handler(parsed.data, { db: queue.db, jobId: job.id, retryCount: job.retryCount });
      }
    });
    if (def.cron) await queue.boss.schedule(def.name, def.cron, {}, { tz: "UTC" });
  }
}
