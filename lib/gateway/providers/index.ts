// Public face of the provider adapters: one adapter per ProviderKind, looked up with getAdapter(kind).
// Never add retries, failover or budgets here: adapters make exactly one call and report what happened as a ProviderError.
import "server-only";
import { ProviderError, type ProviderAdapter, type ProviderKind } from "../types";
import { anthropicAdapter } from "./anthropic";
import { geminiAdapter } from "./gemini";
import { offlineAdapter } from "./offline";
import { openaiAdapter } from "./openai";

export const ADAPTERS: Readonly<Record<ProviderKind, ProviderAdapter>> = {
  openai: openaiAdapter,
  anthropic: anthropicAdapter,
  gemini: geminiAdapter,
  offline: offlineAdapter,
};

/** The adapter for a provider kind; an unknown kind (e.g. a stale row) is a bad request, not a crash. */
export function getAdapter(kind: ProviderKind): ProviderAdapter {
  const adapter = (ADAPTERS as Record<string, ProviderAdapter | undefined>)[kind];
  if (!adapter) throw new ProviderError("bad_request", `Unknown AI provider kind: ${String(kind)}`);
  return adapter;
}

export { anthropicAdapter, ANTHROPIC_DEFAULT_MAX_TOKENS, ANTHROPIC_VERSION } from "./anthropic";
export { geminiAdapter, toGeminiSchema } from "./gemini";
export { openaiAdapter } from "./openai";
export {
  offlineAdapter,
  offlineAnswer,
  extractiveSummary,
  channelLimit,
  measureForChannel,
  normaliseChannel,
  CHANNEL_LIMITS,
  DEFAULT_CHANNEL_LIMIT,
  SUBJECT_LINE_LIMIT,
  ALT_TEXT_LIMIT,
  HASHTAG_MAX_LENGTH,
  OFFLINE_MODEL,
  type Channel,
  type Draft,
} from "./offline";
export { approxTokens, parseRetryAfter, readSse, redact, SseParser, type SseEvent } from "./http";
