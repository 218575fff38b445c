// `npm run worker`: runs the job workers as their own process (scale-out). Pair with RUN_WORKERS=false on web processes.
// Uses DATABASE_URL, or the embedded cluster when it is unset; stops gracefully on SIGINT/SIGTERM.
import { JOBS } from "../lib/jobs/registry";
import { startQueue, startWorkers } from "../lib/jobs/queue";
import { openAppDatabase } from "./lib/app-db";
import { migrateDatabase } from "./migrate";

async function main() {
  const { url, where, cluster } = await openAppDatabase();
  await migrateDatabase(url);
  const queue = await startQueue(url, { supervise: true, schedule: true });
  await startWorkers(queue, JOBS);
  console.log(`[aicmo-worker] running ${JOBS.length} job type(s) against ${where}: ${JOBS.map((j) => j.name).join(", ")}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("[aicmo-worker] finishing active jobs and stopping");
    await queue.stop();
    await cluster?.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((e) => {
  console.error(`[aicmo-worker] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
