// TanStack Query keys for the AI page's client-loaded data (request-log pages after the server-rendered first one).
// Never build these keys inline elsewhere. They belong in lib/query-keys.ts, which this area may not edit yet: move them there.

export interface AiRequestListKey {
  task: string | null;
  status: string | null;
  providerId: string | null;
  campaignId: string | null;
  /** The cursor the client-loaded pages start after (the server-rendered page's nextCursor). */
  after: string;
}

export const aiQueryKeys = {
  all: ["ai"] as const,
  requests: (key: AiRequestListKey) => ["ai", "requests", key] as const,
};
