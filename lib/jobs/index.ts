// Public face of the job queue.
export * from "./define";
export * from "./queue";
export { JOBS } from "./registry";
export { getQueue, startInProcessWorkers, stopQueue, workersAreRunning } from "./runtime";
export { authCleanupJob, purgeExpiredAuthRecords } from "./maintenance";
