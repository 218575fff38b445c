// Turns audit entries into words: what happened, to what, and a short before → after summary.
// Never print a whole row or anything that looks like a secret; summaries only show the fields the engine recorded.
import { formatMinor } from "@/components/format";

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
};

export function describeAction(action: string): string {
  return ACTIONS[action] ?? action;
}

const ENTITY_LABELS: Record<string, string> = {
  campaign: "Campaign",
  workspace: "Workspace",
  member: "Member",
  invitation: "Invitation",
  api_key: "API key",
};

/** "Campaign “Spring launch”", "Invitation to ana@example.com", or the type and a short id. */
export function describeEntity(e: AuditEntryView): string {
  const type = ENTITY_LABELS[e.entityType] ?? e.entityType;
  const rec = { ...(e.before ?? {}), ...(e.after ?? {}) };
  if (typeof rec.name === "string" && rec.name) return `${type} “${rec.name}”`;
  if (typeof rec.email === "string" && rec.email) return `${type} for ${rec.email}`;
  return `${type} ${e.entityId.slice(0, 8)}`;
}

const FIELD_LABELS: Record<string, string> = {
  budgetMinor: "budget",
  startDate: "start",
  endDate: "end",
  ownerUserId: "owner",
  userId: "user",
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.map((v) => show(v)).join(", ") : "—";
  if (typeof value === "object") return "…";
  const s = String(value);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function showField(key: string, value: unknown, rec: Record<string, unknown>): string {
  if (key === "budgetMinor" && typeof value === "number") {
    const currency = typeof rec.currency === "string" ? rec.currency : "USD";
    return formatMinor(value, currency);
  }
  if (key === "ownerUserId" || key === "userId") return value ? "a member" : "—";
  return show(value);
}

/** Up to `max` changes as "field: before → after" (or just the value for creations and deletions). */
export function summariseChange(e: AuditEntryView, max = 5): string[] {
  const before = e.before ?? {};
  const after = e.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => before[k] !== undefined || after[k] !== undefined,
  );
  const lines = keys.map((k) => {
    const label = FIELD_LABELS[k] ?? k;
    const has = (o: Record<string, unknown>) => Object.prototype.hasOwnProperty.call(o, k);
    if (has(before) && has(after)) return `${label}: ${showField(k, before[k], before)} → ${showField(k, after[k], after)}`;
    if (has(after)) return `${label}: ${showField(k, after[k], after)}`;
    return `${label} was ${showField(k, before[k], before)}`;
  });
  return lines.length > max ? [...lines.slice(0, max), `and ${lines.length - max} more`] : lines;
}
