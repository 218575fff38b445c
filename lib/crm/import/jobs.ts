// Job definitions of the CSV import pipeline (registered in lib/jobs/registry.ts).
import type { JobDefinition } from "@/lib/jobs/define";

export const IMPORT_JOBS: JobDefinition[] = [];
