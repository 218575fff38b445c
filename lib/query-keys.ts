// The one list of TanStack Query keys: lists load through server actions and mutations invalidate these keys.
// Never build a query key inline elsewhere; a key that drifts stops being invalidated.

export interface CampaignListKey {
  q: string | null;
  status: string | null;
  sort: string;
  /** The cursor the client-loaded pages start after (the server-rendered page's nextCursor). */
  after: string;
}

// ---------------------------------------------------------------- CRM: contact pages, timelines, segments, companies, custom fields

export interface ContactListKey {
  q: string;
  stage: string | null;
  tag: string;
  companyId: string | null;
  ownerUserId: string | null;
  segmentId: string | null;
  sort: string;
  /** The cursor the first loaded page starts at ("" for the first page). */
  start: string;
}

export const crmQueryKeys = {
  all: ["crm"] as const,
  contacts: {
    all: ["crm", "contacts"] as const,
    list: (key: ContactListKey) => ["crm", "contacts", "list", key] as const,
    /** The command palette's quick contact search (a few prefix matches). */
    search: (q: string) => ["crm", "contacts", "search", q] as const,
  },
  timeline: {
    all: ["crm", "timeline"] as const,
    contact: (contactId: string) => ["crm", "timeline", contactId] as const,
  },
  segments: {
    all: ["crm", "segments"] as const,
    liveCount: (rulesJson: string) => ["crm", "segments", "live-count", rulesJson] as const,
    count: (id: string) => ["crm", "segments", "count", id] as const,
    members: (id: string) => ["crm", "segments", "members", id] as const,
    staticLists: ["crm", "segments", "static-lists"] as const,
  },
  customFields: {
    all: ["crm", "custom-fields"] as const,
    entity: (entity: "contact" | "company") => ["crm", "custom-fields", entity] as const,
  },
  companies: {
    all: ["crm", "companies"] as const,
    list: (q: string, start: string) => ["crm", "companies", "list", q, start] as const,
    search: (q: string) => ["crm", "companies", "search", q] as const,
  },
};

// ---------------------------------------------------------------- AI: request-log pages after the server-rendered first one

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

export const queryKeys = {
  crm: crmQueryKeys,
  ai: aiQueryKeys,
  campaigns: {
    all: ["campaigns"] as const,
    list: (key: CampaignListKey) => ["campaigns", "list", key] as const,
  },
  audit: {
    all: ["audit"] as const,
    list: (after: string) => ["audit", "list", after] as const,
  },
};
