// Every job the workers run. Engines add their definitions here so web and `npm run worker` processes agree.
// Never register a handler that is not idempotent: pg-boss delivers at least once.
import { ENRICHMENT_JOBS } from "@/lib/crm/enrichment/jobs";
import { IMPORT_JOBS } from "@/lib/crm/import/jobs";
import { LIFECYCLE_RULES_JOBS } from "@/lib/crm/lifecycle-rules-jobs";
import { MEDIA_JOBS } from "@/lib/media/jobs";
import type { JobDefinition } from "./define";
import { authCleanupJob } from "./maintenance";

export const JOBS: JobDefinition[] = [authCleanupJob as unknown as JobDefinition, ...IMPORT_JOBS, ...ENRICHMENT_JOBS, ...MEDIA_JOBS, ...LIFECYCLE_RULES_JOBS];
