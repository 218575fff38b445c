// Public face of the AI gateway engine.
export * from "./admin";
export { BudgetExceededError } from "./budget";
export { flushAiLog } from "./log";
export { complete, completeStream, AiUnavailableError, type GatewayAnswer, type GatewayStreamEvent } from "./gateway";
export { breakerState, resetBreaker } from "./breakers";
export { invalidateChains, OFFLINE_MODEL } from "./chains";
export * from "./pricing";
export * from "./schemas";
export * from "./stats";
export * from "./types";
export * from "./openai-compat";
