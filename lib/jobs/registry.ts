// Every job the workers run. Engines add their definitions here so web and `npm run worker` processes agree.
// Never register a handler that is not idempotent: pg-boss delivers at least once.
import type { JobDefinition } from "./define";
import { authCleanupJob } from "./maintenance";

export const JOBS: JobDefinition[] = [authCleanupJob as unknown as JobDefinition];
