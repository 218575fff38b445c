// The one list of TanStack Query keys: lists load through server actions and mutations invalidate these keys.
// Never build a query key inline elsewhere; a key that drifts stops being invalidated.

export interface CampaignListKey {
  q: string | null;
  status: string | null;
  sort: string;
  /** The cursor the client-loaded pages start after (the server-rendered page's nextCursor). */
  after: string;
}

export const queryKeys = {
  campaigns: {
    all: ["campaigns"] as const,
    list: (key: CampaignListKey) => ["campaigns", "list", key] as const,
  },
  audit: {
    all: ["audit"] as const,
    list: (after: string) => ["audit", "list", after] as const,
  },
};
