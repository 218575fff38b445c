// Typed job definitions: a queue name, a zod payload schema and an idempotent handler.
// A payload that fails its schema is refused at enqueue time and, if one slips in, failed at once without retry.
import type { z } from "zod";
import type { Db } from "@/db/client";

export interface JobContext {
  db: Db;
  jobId: string;
  /** 0 on the first attempt. */
  retryCount: number;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  schema: S;
  handler: (payload: z.output<S>, job: JobContext) => Promise<unknown>;
  /** Per-queue retry policy; defaults to 3 retries with exponential backoff. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
  /** Cron (UTC) for recurring jobs; the payload is `{}`. */
  cron?: string;
}

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}
