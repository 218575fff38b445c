// The job that applies a workspace's lifecycle rules to all its contacts (queued after a CSV import commits).
// Idempotent by nature: rules only move contacts forward, so a redelivered run finds nothing left to move.
import { z } from "zod";
import { defineJob, type JobDefinition } from "@/lib/jobs/define";

export const lifecycleRulesPayloadSchema = z.object({ workspaceId: z.string().min(1), reason: z.string().max(200).default("rules") });

export const lifecycleRulesJob = defineJob({
  name: "crm.lifecycle-rules",
  schema: lifecycleRulesPayloadSchema,
  retryLimit: 2,
  retryDelaySeconds: 30,
  expireInSeconds: 30 * 60,
  // Loaded on first use: the registry imports this file, and the engine pulls in modules that import the queue runtime.
  handler: async (payload, job) => {
    const { applyLifecycleRules } = await import("./lifecycle-rules");
    return applyLifecycleRules({ db: job.db, workspaceId: payload.workspaceId, userId: "system", role: "owner", actorLabel: `system (${payload.reason})` });
  },
});

/** Queues a rules run for the workspace. Two queued runs are harmless: the second finds nothing left to move. */
export async function enqueueLifecycleRules(workspaceId: string, reason: string): Promise<void> {
  const [{ getQueue }, { enqueue }] = await Promise.all([import("@/lib/jobs/runtime"), import("@/lib/jobs/queue")]);
  await enqueue((await getQueue()).boss, lifecycleRulesJob, { workspaceId, reason });
}

export const LIFECYCLE_RULES_JOBS: JobDefinition[] = [lifecycleRulesJob as unknown as JobDefinition];
