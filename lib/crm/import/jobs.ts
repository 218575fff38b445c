// Job definitions of the CSV import pipeline (registered in lib/jobs/registry.ts).
// Never do the import's work here: the handler only hands the validated payload to the pipeline, which is idempotent by import id.
import { defineJob, type JobDefinition } from "@/lib/jobs/define";
import { logger } from "@/lib/log";
import { runContactImport } from "./pipeline";
import { importJobPayloadSchema } from "./schemas";

export const importContactsJob = defineJob({
  name: "crm.contacts-import",
  schema: importJobPayloadSchema,
  // The pipeline records its own failures on the import (and never throws for them); a retry only follows a crash.
  retryLimit: 2,
  retryDelaySeconds: 30,
  // A 1,000,000-row file takes minutes; expiry must not hand a running import to a second worker early.
  expireInSeconds: 2 * 60 * 60,
  handler: async (payload, job) => {
    const outcome = await runContactImport(job.db, payload);
    // Imported contacts get the workspace's lifecycle rules applied, as a job of its own (a failure there is not the import's).
    if (outcome === "completed") {
      const { enqueueLifecycleRules } = await import("../lifecycle-rules-jobs");
      await enqueueLifecycleRules(payload.workspaceId, "import").catch((err: unknown) => logger().warn({ err, importId: payload.importId }, "could not queue lifecycle rules"));
    }
    return outcome;
  },
});

export const IMPORT_JOBS: JobDefinition[] = [importContactsJob as unknown as JobDefinition];
