// The process-wide queue handle: the web process enqueues through it and, unless RUN_WORKERS=false, runs the workers too.
// Started once per process; never start pg-boss per request.
import "server-only";
import { databaseUrl } from "@/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { startQueue, startWorkers, type Queue } from "./queue";
import { JOBS } from "./registry";

let starting: Promise<Queue> | undefined;
let workersRunning = false;

/** The shared queue for this process (started on first use). */
export function getQueue(): Promise<Queue> {
  starting ??= startQueue(databaseUrl(), { supervise: env().RUN_WORKERS, schedule: env().RUN_WORKERS }).catch((e) => {
    starting = undefined;
    throw e;
  });
  return starting;
}

export function workersAreRunning(): boolean {
  return workersRunning;
}

/** Called from instrumentation at web start: runs the workers in-process unless told not to. */
export async function startInProcessWorkers(): Promise<void> {
  if (!env().RUN_WORKERS || workersRunning) return;
  const queue = await getQueue();
  await startWorkers(queue, JOBS);
  workersRunning = true;
  logger().info({ jobs: JOBS.map((j) => j.name) }, "workers running in the web process");
}

export async function stopQueue(): Promise<void> {
  if (!starting) return;
  const q = await starting.catch(() => undefined);
  starting = undefined;
  workersRunning = false;
  await q?.stop();
}
