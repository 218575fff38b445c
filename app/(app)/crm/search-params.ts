// The contacts list's URL state (search, stage, tag, company, owner, segment, sort, cursor): one parser map for the server and the filters.
// Never read these params any other way, and never pass a malformed id to the engine: toListContactsInput drops it instead.
import { createLoader, createSerializer, parseAsString, parseAsStringLiteral } from "nuqs/server";
import { CONTACT_SORTS, LIFECYCLE_STAGES } from "@/lib/crm/schemas";

export const contactSearchParams = {
  q: parseAsString.withDefault(""),
  stage: parseAsStringLiteral(LIFECYCLE_STAGES),
  tag: parseAsString.withDefault(""),
  company: parseAsString,
  owner: parseAsString,
  segment: parseAsString,
  sort: parseAsStringLiteral(CONTACT_SORTS).withDefault("newest"),
  cursor: parseAsString,
};

export const loadContactSearchParams = createLoader(contactSearchParams);
export const serializeContactSearchParams = createSerializer(contactSearchParams);

export const CONTACTS_PAGE_SIZE = 50;

export interface ContactFiltersValue {
  q: string;
  stage: (typeof LIFECYCLE_STAGES)[number] | null;
  tag: string;
  company: string | null;
  owner: string | null;
  segment: string | null;
  sort: (typeof CONTACT_SORTS)[number];
  cursor: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The URL filters as listContacts input (without cursor and limit); hand-edited junk is dropped, not sent. */
export function toListContactsInput(f: ContactFiltersValue) {
  return {
    q: f.q.trim().slice(0, 200) || undefined,
    stage: f.stage ?? undefined,
    tag: f.tag.trim().slice(0, 40) || undefined,
    companyId: f.company && UUID.test(f.company) ? f.company : undefined,
    ownerUserId: f.owner ? f.owner.slice(0, 100) : undefined,
    segmentId: f.segment && UUID.test(f.segment) ? f.segment : undefined,
    sort: f.sort,
  };
}

export function hasContactFilters(f: ContactFiltersValue): boolean {
  return Boolean(f.q.trim() || f.stage || f.tag.trim() || f.company || f.owner || f.segment);
}
