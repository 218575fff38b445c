// Job definitions of waterfall enrichment (registered in lib/jobs/registry.ts).
import type { JobDefinition } from "@/lib/jobs/define";

export const ENRICHMENT_JOBS: JobDefinition[] = [];
