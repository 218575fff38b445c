// Turns audit entries into words: what happened, to what (with a link to it where it has a page), and a before → after
// summary. Never print a whole row or anything that looks like a secret; summaries only show the fields the engine recorded.
import { formatMinor } from "@/components/format";
import { humaniseKey, importTargetLabel } from "@/components/crm/import-labels";
import { STAGE_LABELS, type LifecycleStage } from "@/lib/crm/stages";

/** Entries per audit-log page (server-rendered first page and each "Load more"). */
export const AUDIT_PAGE_SIZE = 50;

export interface AuditEntryView {
  id: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  createdAt: Date | string;
}

const ACTIONS: Record<string, string> = {
  "campaign.create": "Created campaign",
  "campaign.update": "Updated campaign",
  "campaign.delete": "Deleted campaign",
  "workspace.create": "Created workspace",
  "workspace.update": "Updated workspace settings",
  "member.role_change": "Changed a member's role",
  "member.remove": "Removed a member",
  "invitation.create": "Invited someone",
  "invitation.revoke": "Revoked an invitation",
  "invitation.accept": "Accepted an invitation",
  "api_key.create": "Created an API key",
  "api_key.revoke": "Revoked an API key",
  "contact.create": "Created contact",
  "contact.update": "Updated contact",
  "contact.merge": "Merged contacts",
  "contact.stage_change": "Changed lifecycle stage",
  "contact.consent": "Changed consent",
  "contact.enrich": "Enriched contact",
  "contact.erase": "Erased contact (GDPR)",
  "contact.gdpr_export": "Exported a contact's data (GDPR)",
  "contact.bulk_delete": "Deleted contacts",
  "contact.bulk_restore": "Restored contacts",
  "contact.bulk_tag": "Tagged contacts",
  "contact.bulk_stage": "Changed contacts' lifecycle stage",
  "contact.bulk_owner": "Changed contacts' owner",
  "contacts.export": "Exported contacts",
  "contact_import.upload": "Uploaded a CSV import",
  "contact_import.start": "Started a CSV import",
  "contact_import.complete": "Completed a CSV import",
  "contact_import.cancel": "Cancelled a CSV import",
  "company.create": "Created company",
  "company.update": "Updated company",
  "company.delete": "Deleted company",
  "company.enrich": "Enriched company",
  "segment.create": "Created segment",
  "segment.update": "Updated segment",
  "segment.delete": "Deleted segment",
  "segment.members.add": "Added contacts to a segment",
  "segment.members.remove": "Removed contacts from a segment",
  "segment.snapshot": "Took a segment snapshot",
  "custom_field.create": "Created custom field",
  "custom_field.update": "Updated custom field",
  "custom_field.delete": "Deleted custom field",
  "lifecycle_rule.create": "Created lifecycle rule",
  "lifecycle_rule.update": "Updated lifecycle rule",
  "lifecycle_rule.delete": "Deleted lifecycle rule",
  "lifecycle_rule.apply": "Applied lifecycle rules",
  "enrichment_run.create": "Started an enrichment run",
  "enrichment_run.cancel": "Cancelled an enrichment run",
  "enrichment.allow_host.add": "Allowed an enrichment host",
  "enrichment.allow_host.remove": "Removed an allowed enrichment host",
  "media_asset.upload": "Uploaded media",
  "media_asset.update": "Updated media",
  "media_asset.attach": "Attached media",
  "media_asset.detach": "Detached media",
  "media_asset.purge": "Purged media",
  "media_asset.expire": "Media expired",
  "media_asset.metrics_ingest": "Recorded media performance",
  "media_asset.alt_text_suggested": "Suggested alt text",
  "media_asset.variants_requested": "Requested media variants",
  "media_library.create": "Created media library",
  "media_library.update": "Updated media library",
  "media_library.delete": "Deleted media library",
  "media_upload.create": "Started a media upload",
  "ai_provider.create": "Added an AI provider",
  "ai_provider.update": "Updated an AI provider",
  "ai_provider.delete": "Removed an AI provider",
  "ai_chain.save": "Saved an AI fallback chain",
  "ai_price.set": "Set an AI model price",
  "ai_price.reset": "Reset an AI model price",
  "ai_budget.set": "Set the AI budget",
};

/** Verbs of actions built from a variable (e.g. `media_asset.${transition}`), for keys not listed above. */
const VERBS: Record<string, string> = {
  create: "Created",
  update: "Updated",
  delete: "Deleted",
  remove: "Removed",
  restore: "Restored",
  archive: "Archived",
  approve: "Approved",
  reject: "Rejected",
  submit: "Submitted for review",
  expire: "Expired",
  upload: "Uploaded",
  add: "Added",
};

const ENTITY_LABELS: Record<string, string> = {
  campaign: "Campaign",
  workspace: "Workspace",
  member: "Member",
  invitation: "Invitation",
  api_key: "API key",
  contact: "Contact",
  company: "Company",
  segment: "Segment",
  contact_import: "Import",
  custom_field: "Custom field",
  lifecycle_rule: "Lifecycle rule",
  enrichment_run: "Enrichment run",
  enrichment_allow_host: "Enrichment host",
  media_asset: "Media asset",
  media_library: "Media library",
  media_upload: "Media upload",
  ai_provider: "AI provider",
  ai_chain: "AI fallback chain",
  ai_price: "AI model price",
  ai_budget: "AI budget",
};

function entityLabel(entityType: string): string {
  return ENTITY_LABELS[entityType] ?? humaniseKey(entityType);
}

/** "Created campaign"; an unlisted key reads as words ("media_asset.bulk_approve" → "Media asset: bulk approved"). */
export function describeAction(action: string): string {
  const known = ACTIONS[action];
  if (known) return known;
  const dot = action.lastIndexOf(".");
  if (dot < 0) return humaniseKey(action);
  const subject = entityLabel(action.slice(0, dot).replace(/\./g, "_"));
  const verb = action.slice(dot + 1);
  const bulk = verb.startsWith("bulk_");
  const bare = bulk ? verb.slice("bulk_".length) : verb;
  const done = VERBS[bare] ?? humaniseKey(bare).toLowerCase();
  return `${subject}: ${bulk ? "bulk " : ""}${done.toLowerCase()}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Entity types with a page of their own, by id. */
const ENTITY_PAGES: Record<string, (id: string) => string> = {
  contact: (id) => `/crm/contacts/${id}`,
  company: (id) => `/crm/companies/${id}`,
  segment: (id) => `/crm/segments/${id}`,
  contact_import: (id) => `/crm/imports/${id}`,
  media_asset: (id) => `/media?asset=${id}`,
  campaign: (id) => `/campaigns/${id}`,
};

/** The page of one record, or null: no page for its type, an id that names several records, or a record this entry removed. */
export function entityHref(entityType: string, entityId: string, action?: string): string | null {
  const page = ENTITY_PAGES[entityType];
  if (!page || !UUID.test(entityId)) return null;
  if (action && /\.(delete|bulk_delete|purge|erase)$/.test(action)) return null;
  return page(entityId);
}

function str(v: unknown): string | null {
  return typeof v === "string" && v.trim() ? v.trim() : null;
}

function personName(rec: Record<string, unknown>): string | null {
  const name = [str(rec.firstName), str(rec.lastName)].filter(Boolean).join(" ");
  return name || str(rec.name) || str(rec.email);
}

export interface EntityView {
  /** "Contact", "Import", … never cut short. */
  type: string;
  /** The record's name (“Spring launch”, ana@example.com), or its short id, or "3 contacts" for a bulk action. */
  name: string;
  /** The full text, for a tooltip: type, name and whole id. */
  title: string;
  href: string | null;
  /** The entry is about several records at once; `name` then says how many. */
  bulk: boolean;
}

export function entityView(e: AuditEntryView): EntityView {
  const type = entityLabel(e.entityType);
  const rec: Record<string, unknown> = { ...(e.before ?? {}), ...(e.after ?? {}) };
  const merge = mergeView(e);
  const named =
    (merge ? merge.winner.name : null) ??
    (str(rec.name) ? `“${str(rec.name)}”` : null) ??
    (str(rec.label) ? `“${str(rec.label)}”` : null) ??
    (e.entityType === "contact" ? personName(rec) : null) ??
    str(rec.email) ??
    str(rec.fileName) ??
    str(rec.host);
  const isId = UUID.test(e.entityId);
  // A bulk action records "3 contacts" as its entity: that text is the whole story, without a type in front.
  const bulk = !isId && /^\d+ /.test(e.entityId);
  const name = named ?? (isId ? e.entityId.slice(0, 8) : e.entityId);
  return {
    type,
    name,
    title: bulk ? e.entityId : `${type} ${name}${isId || named ? ` (${e.entityId})` : ""}`,
    href: entityHref(e.entityType, e.entityId, e.action),
    bulk,
  };
}

/** "Campaign “Spring launch”", "Contact ana@example.com", "3 contacts", or the type and a short id. */
export function describeEntity(e: AuditEntryView): string {
  const v = entityView(e);
  return v.bulk ? v.name : `${v.type} ${v.name}`;
}

export interface MergedContact {
  id: string;
  /** Name, else email, else the short id. */
  name: string;
  email: string | null;
  href: string | null;
}

export interface MergeView {
  winner: MergedContact;
  loser: MergedContact;
  /** Labels of the fields the kept contact took from the merged one. */
  fieldsTaken: string[];
  tags: string[];
}

function mergedContact(v: unknown, linkable: boolean): MergedContact | null {
  if (!v || typeof v !== "object") return null;
  const rec = v as Record<string, unknown>;
  const id = str(rec.id);
  if (!id) return null;
  return {
    id,
    name: str(rec.name) ?? str(rec.email) ?? id.slice(0, 8),
    email: str(rec.email),
    href: linkable ? entityHref("contact", id) : null,
  };
}

/** A contact merge as winner and loser; null for any other entry. The loser is deleted by the merge, so it has no link. */
export function mergeView(e: AuditEntryView): MergeView | null {
  if (e.action !== "contact.merge") return null;
  const winner = mergedContact(e.before?.winner, true);
  const loser = mergedContact(e.before?.loser, false);
  if (!winner || !loser) return null;
  const fields = Array.isArray(e.after?.fieldsFromLoser) ? e.after.fieldsFromLoser.filter((f): f is string => typeof f === "string") : [];
  const tags = Array.isArray(e.after?.tags) ? e.after.tags.filter((t): t is string => typeof t === "string") : [];
  return { winner, loser, fieldsTaken: fields.map(fieldLabel), tags };
}

const FIELD_LABELS: Record<string, string> = {
  budgetMinor: "Budget",
  startDate: "Start",
  endDate: "End",
  ownerUserId: "Owner",
  userId: "User",
  companyId: "Company",
  lifecycleStage: "Lifecycle stage",
  toStage: "Moves to stage",
  emailConsent: "Email consent",
  doNotContact: "Do not contact",
  sha256: "SHA-256",
  emailSha256: "Email SHA-256",
  baseUrl: "Base URL",
  hasKey: "Has an API key",
  apiKey: "API key",
  ids: "Records",
  fileName: "File",
  duplicateRows: "Repeated emails",
  skipped: "Skipped or unchanged",
  rows: "Rows",
  mapping: "Columns",
  monthlyLimitUsd: "Monthly limit (USD)",
  inputPerMTokMicros: "Input price (µ$ per M tokens)",
  outputPerMTokMicros: "Output price (µ$ per M tokens)",
};

/** "lifecycleStage" → "Lifecycle stage", "first_name" → "First name", with the few names words would get wrong. */
export function fieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? humaniseKey(key);
}

function isStage(v: unknown): v is LifecycleStage {
  return typeof v === "string" && Object.prototype.hasOwnProperty.call(STAGE_LABELS, v);
}

function clip(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.length ? clip(value.map((v) => show(v)).join(", ")) : "—";
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined && v !== "");
    if (!entries.length) return "—";
    // A nested tree (segment rules, rule conditions) does not fit in a cell; its owner's page shows it.
    if (entries.some(([, v]) => typeof v === "object")) return "(details on the record)";
    return clip(entries.map(([k, v]) => `${fieldLabel(k)}: ${show(v)}`).join(", "));
  }
  return clip(String(value));
}

function showField(key: string, value: unknown, rec: Record<string, unknown>): string {
  if (key === "budgetMinor" && typeof value === "number") {
    const currency = typeof rec.currency === "string" ? rec.currency : "USD";
    return formatMinor(value, currency);
  }
  if (key === "ownerUserId" || key === "userId") return value ? "a member" : "—";
  if (key === "companyId") return value ? "a company" : "—";
  if (key === "ids" && Array.isArray(value)) return `${value.length}${value.length >= 100 ? "+" : ""} record${value.length === 1 ? "" : "s"}`;
  if (key === "mapping" && value && typeof value === "object") {
    const cols = Object.entries(value as Record<string, unknown>).filter((c): c is [string, string] => typeof c[1] === "string" && c[1] !== "");
    return cols.length ? clip(cols.map(([h, t]) => `${h} → ${importTargetLabel(t)}`).join(", "), 160) : "—";
  }
  if (isStage(value) && /stage/i.test(key)) return STAGE_LABELS[value];
  return show(value);
}

export interface ChangeLine {
  field: string;
  /** Absent when the entry recorded no value before (a creation). */
  before?: string;
  /** Absent when the entry recorded no value after (a deletion). */
  after?: string;
}

/** Up to `max` changes, each a readable field label with its before and/or after value; `more` counts the rest. */
export function summariseChange(e: AuditEntryView, max = 5): { lines: ChangeLine[]; more: number } {
  const before = e.before ?? {};
  const after = e.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => before[k] !== undefined || after[k] !== undefined);
  const has = (o: Record<string, unknown>, k: string) => Object.prototype.hasOwnProperty.call(o, k) && o[k] !== undefined;
  const lines = keys.map((k): ChangeLine => {
    const line: ChangeLine = { field: fieldLabel(k) };
    if (has(before, k)) line.before = showField(k, before[k], before);
    if (has(after, k)) line.after = showField(k, after[k], after);
    return line;
  });
  return { lines: lines.slice(0, max), more: Math.max(0, lines.length - max) };
}
