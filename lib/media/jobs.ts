// The media engine's jobs: variants per asset, expiry archiving, the 30-day purge and abandoned-upload cleanup.
// Registered through MEDIA_JOBS in lib/jobs/registry.ts; every handler is idempotent (pg-boss delivers at least once).
import { z } from "zod";
import { defineJob, type JobDefinition } from "@/lib/jobs/define";
import { abandonStaleUploads, archiveExpiredAssets, purgeDeletedAssets } from "./maintenance";
import { generateVariantsJob } from "./variants";

const when = z.object({ now: z.iso.datetime().optional() }).strict();
const at = (p: z.output<typeof when>) => (p.now ? new Date(p.now) : new Date());

export const mediaExpiryJob = defineJob({
  name: "media.archive-expired",
  schema: when,
  cron: "*/10 * * * *",
  retryLimit: 2,
  handler: async (payload, job) => archiveExpiredAssets(job.db, at(payload)),
});

export const mediaPurgeJob = defineJob({
  name: "media.purge-deleted",
  schema: when,
  cron: "41 3 * * *",
  retryLimit: 2,
  expireInSeconds: 60 * 60,
  handler: async (payload, job) => purgeDeletedAssets(job.db, at(payload)),
});

export const mediaUploadCleanupJob = defineJob({
  name: "media.abandon-stale-uploads",
  schema: when,
  cron: "7 * * * *",
  retryLimit: 2,
  handler: async (payload, job) => abandonStaleUploads(job.db, at(payload)),
});

export { generateVariantsJob };

export const MEDIA_JOBS: JobDefinition[] = [
  generateVariantsJob as unknown as JobDefinition,
  mediaExpiryJob as unknown as JobDefinition,
  mediaPurgeJob as unknown as JobDefinition,
  mediaUploadCleanupJob as unknown as JobDefinition,
];
