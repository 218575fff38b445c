// Display helpers for the CRM shared by server and client components: names, consent labels, short dates, confidences.
// Never format with the runtime's default locale or time zone: server and browser would disagree and break hydration.
import type { EMAIL_CONSENT } from "@/lib/crm/schemas";

const LOCALE = "en-US";

export type EmailConsent = (typeof EMAIL_CONSENT)[number];

export const CONSENT_LABELS: Record<EmailConsent, string> = {
  unknown: "Unknown",
  opted_in: "Opted in",
  opted_out: "Opted out",
};

export function isEmailConsent(v: string): v is EmailConsent {
  return v === "unknown" || v === "opted_in" || v === "opted_out";
}

/** "Ada Lovelace", else the email, else a placeholder: a contact always has one of the first two. */
export function contactDisplayName(c: { firstName: string | null; lastName: string | null; email: string | null }): string {
  const name = [c.firstName, c.lastName].filter(Boolean).join(" ").trim();
  return name || c.email || "Unnamed contact";
}

/** Up to two initials for an avatar. */
export function contactInitials(c: { firstName: string | null; lastName: string | null; email: string | null }): string {
  const a = c.firstName?.trim()[0] ?? "";
  const b = c.lastName?.trim()[0] ?? "";
  const out = (a + b || c.email?.[0] || "?").toUpperCase();
  return out.slice(0, 2);
}

function toDate(at: Date | string): Date {
  return typeof at === "string" ? new Date(at) : at;
}

/** A moment as a calendar day in the workspace's time zone, e.g. "Jan 31, 2026". */
export function formatShortDate(at: Date | string | null | undefined, timeZone = "UTC"): string {
  if (!at) return "—";
  const d = toDate(at);
  if (Number.isNaN(d.getTime())) return "—";
  try {
    return new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeZone }).format(d);
  } catch {
    return new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeZone: "UTC" }).format(d);
  }
}

/** A 0–1 (or 0–100) confidence as a whole percentage. */
export function formatConfidence(confidence: number): string {
  const pct = confidence <= 1 ? confidence * 100 : confidence;
  return `${Math.round(Math.max(0, Math.min(100, pct)))}%`;
}

/** A plain integer with grouping, "1,204". */
export function formatCount(n: number): string {
  return new Intl.NumberFormat(LOCALE).format(n);
}

/** Readable provider names for the provenance badges; unknown providers show as they are stored. */
const PROVIDER_LABELS: Record<string, string> = {
  email: "Email analysis",
  phone: "Phone analysis",
  title: "Job title analysis",
  website: "Website",
  html: "Website",
  ai: "AI",
  offline: "AI (offline)",
  gateway: "AI",
  import: "CSV import",
  manual: "Manual",
};

export function providerLabel(provider: string): string {
  return PROVIDER_LABELS[provider.toLowerCase()] ?? provider;
}
