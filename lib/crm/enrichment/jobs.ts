// Job definitions of waterfall enrichment (registered in lib/jobs/registry.ts): one job enriches a batch of a run's contacts.
// Idempotent per (run, contact): a redelivered batch skips contacts the run already counted. Never import engine code eagerly here.
import type { JobDefinition } from "@/lib/jobs/define";
import { defineJob } from "@/lib/jobs/define";
import { enrichmentBatchPayloadSchema } from "./schemas";

export const ENRICHMENT_BATCH_RETRIES = 3;

export const enrichmentBatchJob = defineJob({
  name: "crm.enrichment.batch",
  schema: enrichmentBatchPayloadSchema,
  retryLimit: ENRICHMENT_BATCH_RETRIES,
  retryDelaySeconds: 15,
  // Up to 20 contacts, each possibly waiting for a website-fetch slot (≤ 60 s) and fetching (≤ 5 s).
  expireInSeconds: 30 * 60,
  // Loaded on first use: the registry imports this file, and the engine imports the queue runtime, which imports the registry.
  handler: async (payload, job) => {
    const { processEnrichmentBatch } = await import("./runs");
    return processEnrichmentBatch(job.db, payload, { lastAttempt: job.retryCount >= ENRICHMENT_BATCH_RETRIES });
  },
});

export const ENRICHMENT_JOBS: JobDefinition[] = [enrichmentBatchJob as unknown as JobDefinition];
