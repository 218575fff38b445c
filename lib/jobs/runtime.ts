// The process-wide queue handle: the web process enqueues through it and, unless RUN_WORKERS=false, runs the workers too.
// Started once per process; never start pg-boss per request.
import "server-only";
import { databaseUrl } from "@/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { processMap } from "@/lib/process-cache";
import { startQueue, startWorkers, type Queue } from "./queue";
import { JOBS } from "./registry";

// Next.js bundles instrumentation.ts and the route handlers into separate module graphs, so a module-level `let` here
// would exist once per graph: the workers started at boot would be invisible to /api/health, and the first enqueue
// from a route would start a second pg-boss. The state lives in one per-process map instead.
type RuntimeState = { starting?: Promise<Queue>; workersRunning: boolean };
function state(): RuntimeState {
  const m = processMap<"runtime", RuntimeState>("jobs.runtime");
  let s = m.get("runtime");
  if (!s) {
    s = { workersRunning: false };
    m.set("runtime", s);
  }
  return s;
}

/** The shared queue for this process (started on first use). */
export function getQueue(): Promise<Queue> {
  const s = state();
  s.starting ??= startQueue(databaseUrl(), { supervise: env().RUN_WORKERS, schedule: env().RUN_WORKERS }).catch((e) => {
    s.starting = undefined;
    throw e;
  });
  return s.starting;
}

export function workersAreRunning(): boolean {
  return state().workersRunning;
}

/** Called from instrumentation at web start: runs the workers in-process unless told not to. */
export async function startInProcessWorkers(): Promise<void> {
  const s = state();
  if (!env().RUN_WORKERS || s.workersRunning) return;
  const queue = await getQueue();
  await startWorkers(queue, JOBS);
  s.workersRunning = true;
  logger().info({ jobs: JOBS.map((j) => j.name) }, "workers running in the web process");
}

export async function stopQueue(): Promise<void> {
  const s = state();
  if (!s.starting) return;
  const q = await s.starting.catch(() => undefined);
  s.starting = undefined;
  s.workersRunning = false;
  await q?.stop();
}
