// The AI page's URL state (active tab, the chain editor's task, the request log's filters): one parser map for the server loader and the client hooks.
// Never read these params any other way, and never put a provider key or a prompt in the URL.
import { createLoader, createSerializer, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { AI_TASKS } from "@/lib/gateway/types";

export const AI_TABS = ["overview", "chains", "playground", "log", "budgets"] as const;
export type AiTab = (typeof AI_TABS)[number];

export const AI_REQUEST_STATUSES = ["ok", "error", "budget_exceeded", "cancelled"] as const;
export type AiRequestStatus = (typeof AI_REQUEST_STATUSES)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const aiSearchParams = {
  tab: parseAsStringLiteral(AI_TABS).withDefault("overview"),
  /** The task open in the chain editor. */
  chain: parseAsStringLiteral(AI_TASKS).withDefault("copywriting"),
  // Request log filters.
  task: parseAsStringLiteral(AI_TASKS),
  status: parseAsStringLiteral(AI_REQUEST_STATUSES),
  // Ids stay plain strings here; validUuid() drops a hand-edited one instead of failing the page.
  provider: parseAsString,
  campaign: parseAsString,
};

export const loadAiSearchParams = createLoader(aiSearchParams);
export const serializeAiSearchParams = createSerializer(aiSearchParams);

export function validUuid(value: string | null | undefined): string | undefined {
  return value && UUID.test(value) ? value : undefined;
}

/** Rows per request-log page (the server-rendered first page and each "Load more"). */
export const AI_LOG_PAGE_SIZE = 50;

/** Campaigns offered in pickers (playground, log filter, budgets); the first 200 by name is plenty for a picker. */
export const CAMPAIGN_PICKER_LIMIT = 200;
