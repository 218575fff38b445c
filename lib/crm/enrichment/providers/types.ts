// The vocabulary every enrichment provider speaks: the fields it may fill, the snapshot it reads, the candidates it returns.
// Providers only propose values with a confidence; they never write to the database and never decide what wins.
import type { ProvenanceMap } from "@/db/schema";
import type { Ctx } from "@/lib/auth/context";
import type { SafeFetchResult } from "../safe-fetch";

export const SOCIAL_NETWORKS = ["linkedin", "x", "facebook", "instagram", "youtube", "github", "tiktok"] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

/** Contact fields enrichment may fill; `custom.*` keys live in contacts.custom. */
export const CONTACT_FIELDS = [
  "firstName",
  "lastName",
  "phone",
  "country",
  "seniority",
  "department",
  "companyId",
  "custom.email_type",
  "custom.email_role_account",
] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** Company fields enrichment may fill; `social.*` keys live in companies.social. */
export const COMPANY_FIELDS = [
  "name",
  "domain",
  "website",
  "description",
  "industry",
  "employeeCount",
  "country",
  "summary",
  ...SOCIAL_NETWORKS.map((n) => `social.${n}` as const),
] as const;
export type CompanyField = (typeof COMPANY_FIELDS)[number];

/** A field as providers and reports name it: `contact.firstName`, `company.social.linkedin`. */
export type FieldPath = `contact.${ContactField}` | `company.${CompanyField}`;

export interface ContactValues {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  title: string | null;
  seniority: string | null;
  department: string | null;
  country: string | null;
  companyId: string | null;
  custom: Record<string, unknown>;
}

export interface CompanyValues {
  /** null while the company exists only as a draft (derived from the email domain, created when the contact is saved). */
  id: string | null;
  name: string | null;
  domain: string | null;
  website: string | null;
  description: string | null;
  industry: string | null;
  employeeCount: number | null;
  country: string | null;
  summary: string | null;
  social: Record<string, string>;
}

/** What a provider sees: the values as they stand after the providers before it, with their provenance. */
export interface SubjectView {
  contact: Readonly<ContactValues>;
  contactProvenance: Readonly<ProvenanceMap>;
  company: Readonly<CompanyValues> | null;
  companyProvenance: Readonly<ProvenanceMap>;
}

/** Facts a provider learned that are not stored fields but help the providers after it (e.g. the page title for the AI). */
export interface Hints {
  pageTitle?: string;
  pageUrl?: string;
}

export interface ProviderContext {
  /** The acting context: the AI provider calls the gateway with it. */
  ctx: Ctx;
  subject: SubjectView;
  hints: Hints;
  /** SSRF-safe, rate-limited page fetch (see safe-fetch.ts and rate-limit.ts). */
  fetchPage(url: string): Promise<SafeFetchResult>;
  now: Date;
  /** Re-fetch a website even when it was fetched recently. */
  force: boolean;
}

export interface Candidate {
  field: FieldPath;
  value: unknown;
  /** 0..1; capped at the provider's declared confidence for the field. */
  confidence: number;
  /** The value is the current value reformatted (e.g. a phone in E.164): it may replace even a user-entered value. */
  replacesEquivalent?: boolean;
  /** Overrides the provider name in provenance (the AI summary names the model provider that answered). */
  provenanceProvider?: string;
}

export interface EnrichmentProvider {
  name: string;
  /** Every field the provider can fill, with the highest confidence it ever gives that field. */
  fields: Partial<Record<FieldPath, number>>;
  /** A pure, local provider: it runs even when its fields look settled (it may still normalise them). Network and AI
   *  providers run only while one of their fields is still open. */
  free?: boolean;
  /** Provenance key recording each attempt on the company (e.g. "_website"), so bulk runs can skip recent ones. */
  marker?: string;
  /** Why the provider cannot run for this subject (a missing input), or null when it can. */
  precondition?(pc: ProviderContext): string | null;
  run(pc: ProviderContext): Promise<Candidate[]>;
}
