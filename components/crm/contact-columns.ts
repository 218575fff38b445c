// The contacts table's columns: what each shows, its width, and which appear until the user picks their own set.
// Never make the name column optional: it carries the row's link and its selection label.
import type { Contact } from "@/db/schema";
import type { CONTACT_SORTS } from "@/lib/crm/schemas";

export type ContactListItem = Pick<
  Contact,
  | "id"
  | "email"
  | "firstName"
  | "lastName"
  | "phone"
  | "title"
  | "companyId"
  | "ownerUserId"
  | "lifecycleStage"
  | "tags"
  | "score"
  | "country"
  | "source"
  | "emailConsent"
  | "doNotContact"
  | "createdAt"
  | "updatedAt"
> & { companyName: string | null };

/** Keeps only what the table shows, so pages held in the query cache stay small. */
export function toContactListItem(c: ContactListItem): ContactListItem {
  return {
    id: c.id,
    email: c.email,
    firstName: c.firstName,
    lastName: c.lastName,
    phone: c.phone,
    title: c.title,
    companyId: c.companyId,
    companyName: c.companyName,
    ownerUserId: c.ownerUserId,
    lifecycleStage: c.lifecycleStage,
    tags: c.tags,
    score: c.score,
    country: c.country,
    source: c.source,
    emailConsent: c.emailConsent,
    doNotContact: c.doNotContact,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export const CONTACT_COLUMN_IDS = [
  "email",
  "company",
  "stage",
  "owner",
  "tags",
  "score",
  "phone",
  "title",
  "country",
  "source",
  "consent",
  "created",
  "updated",
] as const;
export type ContactColumnId = (typeof CONTACT_COLUMN_IDS)[number];

export interface ContactColumn {
  id: ContactColumnId;
  label: string;
  /** Fixed width in pixels: rows keep one height, which the virtualised list relies on. */
  width: number;
  align?: "right";
}

export const CONTACT_COLUMNS: Record<ContactColumnId, ContactColumn> = {
  email: { id: "email", label: "Email", width: 190 },
  company: { id: "company", label: "Company", width: 150 },
  stage: { id: "stage", label: "Stage", width: 120 },
  owner: { id: "owner", label: "Owner", width: 140 },
  tags: { id: "tags", label: "Tags", width: 140 },
  score: { id: "score", label: "Score", width: 80, align: "right" },
  phone: { id: "phone", label: "Phone", width: 150 },
  title: { id: "title", label: "Job title", width: 180 },
  country: { id: "country", label: "Country", width: 90 },
  source: { id: "source", label: "Source", width: 120 },
  consent: { id: "consent", label: "Email consent", width: 140 },
  created: { id: "created", label: "Created", width: 115 },
  updated: { id: "updated", label: "Updated", width: 115 },
};

/** Width of the always-shown name column. */
export const NAME_COLUMN_WIDTH = 200;

export const DEFAULT_CONTACT_COLUMNS: ContactColumnId[] = ["email", "company", "stage", "owner", "tags", "created"];

export function isContactColumnId(v: unknown): v is ContactColumnId {
  return typeof v === "string" && (CONTACT_COLUMN_IDS as readonly string[]).includes(v);
}

export type ContactSort = (typeof CONTACT_SORTS)[number];

/** Columns whose header sorts the list, and the sorts each one stands for (the first is what a click picks from elsewhere). */
const SORTS_BY_COLUMN: Partial<Record<ContactColumnId | "name", readonly ContactSort[]>> = {
  name: ["name"],
  email: ["email"],
  score: ["score"],
  created: ["newest", "oldest"],
};

/** Which way each sort runs: names and emails A to Z, the highest score first, newest or oldest first. */
const SORT_DIRECTION: Record<ContactSort, "ascending" | "descending"> = {
  name: "ascending",
  email: "ascending",
  score: "descending",
  newest: "descending",
  oldest: "ascending",
};

export function isSortableColumn(column: ContactColumnId | "name"): boolean {
  return SORTS_BY_COLUMN[column] !== undefined;
}

/** The sort a click on this column's header asks for: Created flips between newest and oldest, the others have one order. */
export function nextSortForColumn(column: ContactColumnId | "name", current: ContactSort): ContactSort | null {
  const sorts = SORTS_BY_COLUMN[column];
  if (!sorts?.length) return null;
  const at = sorts.indexOf(current);
  return at === -1 ? sorts[0]! : sorts[(at + 1) % sorts.length]!;
}

/** aria-sort for a sortable header: the direction when the list is sorted by it, "none" otherwise; undefined when it cannot sort. */
export function columnSortState(column: ContactColumnId | "name", current: ContactSort): "ascending" | "descending" | "none" | undefined {
  const sorts = SORTS_BY_COLUMN[column];
  if (!sorts) return undefined;
  return sorts.includes(current) ? SORT_DIRECTION[current] : "none";
}
