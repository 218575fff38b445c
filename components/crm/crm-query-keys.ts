// TanStack Query keys for the CRM's client-loaded data: contact pages, timeline pages, company pages and picker searches.
// Never build these keys inline elsewhere. They belong in lib/query-keys.ts, which this area may not edit yet: move them there.

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
  companies: {
    all: ["crm", "companies"] as const,
    list: (q: string, start: string) => ["crm", "companies", "list", q, start] as const,
    search: (q: string) => ["crm", "companies", "search", q] as const,
  },
};
