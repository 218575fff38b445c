// The segment field registry: every field a rule may name, its type, and how to reach its column. Later engines add
// fields with registerSegmentField. Never build a column from user text: identifiers come only from these definitions.
import { sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { companies, contacts } from "@/db/schema";
import { normaliseCountry, normaliseDomain } from "../normalize";
import { EMAIL_CONSENT, LIFECYCLE_STAGES } from "../schemas";
import { inferTypeFromOperator, operatorsFor, type FieldOperator, type SegmentFieldType } from "./operators";

/** The aliases every compiled segment query uses: the contact row and (inside EXISTS) its company. */
export const segContact = alias(contacts, "seg_c");
export const segCompany = alias(companies, "seg_co");
export interface SegmentTables {
  /** `seg_c`, or the plain `contacts` table when the rules filter a query of contacts directly (compile option `onContacts`). */
  contact: typeof segContact | typeof contacts;
  company: typeof segCompany;
}

export interface SegmentFieldDef {
  /** What rules name: `email`, `company.industry`, `analytics.openRate`… */
  key: string;
  label: string;
  type: SegmentFieldType;
  /** A company field is tested through its contact's company (no company: the value is missing). */
  entity: "contact" | "company";
  /** The column or expression, over `seg_c` (contact) or `seg_co` (company). A text expression is compared case-insensitively. */
  column: (t: SegmentTables) => SQL;
  /** For enum fields: the values `in`/`not_in` accept. */
  enumValues?: readonly string[];
  /**
   * For number fields whose column holds whole numbers: compared with whole-number parameters (no cast on the column),
   * so the planner can use the column's statistics and indexes.
   */
  integer?: boolean;
  /**
   * For text fields stored in one canonical form (country codes, domains): eq/neq/in compare the column itself with the
   * value in that form ("France" → "FR") instead of lower(column), so statistics and indexes apply.
   */
  normalise?: (value: string) => string;
}

const KEY = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/;
export const CUSTOM_KEY = /^[a-z][a-z0-9_]{0,39}$/;
export const CUSTOM_PREFIX = "custom.";

const registry = new Map<string, SegmentFieldDef>();

/** Adds (or replaces, so module reloads stay harmless) a field rules may name. */
export function registerSegmentField(def: SegmentFieldDef): void {
  if (!KEY.test(def.key)) throw new Error(`Segment field key "${def.key}" must be camelCase words joined by dots.`);
  if (def.key.startsWith(CUSTOM_PREFIX)) throw new Error(`"${CUSTOM_PREFIX}" keys are the workspace's custom fields; pick another key.`);
  if (def.type === "enum" && def.enumValues && def.enumValues.length === 0) throw new Error(`Enum field "${def.key}" lists no values.`);
  registry.set(def.key, def);
}

export function getSegmentField(key: string): SegmentFieldDef | undefined {
  return registry.get(key);
}

/** Every registered field with its operators, for the rule builder. Custom fields come from the workspace's definitions. */
export function listSegmentFields(): (Omit<SegmentFieldDef, "column" | "normalise"> & { operators: readonly FieldOperator[] })[] {
  return [...registry.values()].map(({ column: _column, normalise: _normalise, ...d }) => ({ ...d, operators: operatorsFor(d.type) }));
}

/** A custom field's type as the workspace defines it (custom_field_defs). */
export interface CustomFieldType {
  type: SegmentFieldType;
  enumValues?: readonly string[];
}

/** custom_field_defs.type → the segment type its values are compared as. */
export function customFieldType(defType: string, options: readonly string[]): CustomFieldType | null {
  switch (defType) {
    case "text":
    case "number":
    case "date":
    case "boolean":
      return { type: defType };
    case "select":
      return { type: "enum", enumValues: options.length ? options : undefined };
    default:
      return null;
  }
}

function customColumn(key: string, type: SegmentFieldType): (t: SegmentTables) => SQL {
  // The key is a bound parameter like every value; CUSTOM_KEY has already restricted it to lower_snake_case.
  const raw = (t: SegmentTables) => sql`(${t.contact.custom} ->> ${key}::text)`;
  switch (type) {
    case "number":
      // Numbers may be stored as JSON numbers or numeric strings; anything else counts as missing (never a cast error).
      return (t) => sql`(case when ${raw(t)} ~ '^-?[0-9]+([.][0-9]+)?$' then ${raw(t)}::numeric end)`;
    case "date":
      return (t) => sql`(case when pg_input_is_valid(${raw(t)}, 'timestamptz') then ${raw(t)}::timestamptz end)`;
    case "boolean":
      return (t) => sql`(${raw(t)} = 'true')`;
    default:
      return raw;
  }
}

export type FieldResolution = { ok: true; def: SegmentFieldDef } | { ok: false; message: string };

/**
 * The definition a condition's field key refers to. `custom.<key>` takes its type from the workspace's definition when
 * there is one, else from the operator (gt → number, contains → text…).
 */
export function resolveSegmentField(
  key: string,
  op: FieldOperator,
  value: unknown,
  customFields?: ReadonlyMap<string, CustomFieldType>,
): FieldResolution {
  const known = registry.get(key);
  if (known) return { ok: true, def: known };
  if (key.startsWith(CUSTOM_PREFIX)) {
    const name = key.slice(CUSTOM_PREFIX.length);
    if (!CUSTOM_KEY.test(name)) return { ok: false, message: `"${key}" is not a valid custom field key (custom.<lower_snake_case>).` };
    const defined = customFields?.get(name);
    const type = defined?.type ?? inferTypeFromOperator(op, value);
    if (!type) return { ok: false, message: `Operator "${op}" does not apply to custom field "${key}".` };
    return {
      ok: true,
      def: { key, label: name, type, entity: "contact", column: customColumn(name, type), enumValues: defined?.enumValues },
    };
  }
  return { ok: false, message: `Unknown field "${key}". Use a contact field, company.<field> or custom.<key>.` };
}

const contactText = (key: string, label: string, col: (t: SegmentTables) => SQL, normalise?: (v: string) => string): SegmentFieldDef => ({
  key,
  label,
  type: "text",
  entity: "contact",
  column: col,
  normalise,
});

// Stored as ISO alpha-2 / bare lower-case domains (lib/crm/normalize); a value that is no country or domain stays as typed.
const countryForm = (v: string) => normaliseCountry(v) ?? v.trim().toUpperCase();
const domainForm = (v: string) => normaliseDomain(v) ?? v.trim().toLowerCase();

for (const def of [
  contactText("email", "Email", (t) => sql`${t.contact.email}`),
  contactText("firstName", "First name", (t) => sql`${t.contact.firstName}`),
  contactText("lastName", "Last name", (t) => sql`${t.contact.lastName}`),
  contactText("phone", "Phone", (t) => sql`${t.contact.phone}`),
  contactText("title", "Job title", (t) => sql`${t.contact.title}`),
  contactText("seniority", "Seniority", (t) => sql`${t.contact.seniority}`),
  contactText("department", "Department", (t) => sql`${t.contact.department}`),
  contactText("source", "Source", (t) => sql`${t.contact.source}`),
  contactText("country", "Country", (t) => sql`${t.contact.country}`, countryForm),
  contactText("timezone", "Time zone", (t) => sql`${t.contact.timezone}`),
  contactText("tier", "Tier", (t) => sql`${t.contact.tier}`),
  contactText("ownerUserId", "Owner", (t) => sql`${t.contact.ownerUserId}`),
  { key: "tags", label: "Tags", type: "tags", entity: "contact", column: (t) => sql`${t.contact.tags}` },
  {
    key: "lifecycleStage",
    label: "Lifecycle stage",
    type: "enum",
    entity: "contact",
    column: (t) => sql`${t.contact.lifecycleStage}`,
    enumValues: LIFECYCLE_STAGES,
  },
  {
    key: "emailConsent",
    label: "Email consent",
    type: "enum",
    entity: "contact",
    column: (t) => sql`${t.contact.emailConsent}`,
    enumValues: EMAIL_CONSENT,
  },
  { key: "score", label: "Score", type: "number", entity: "contact", column: (t) => sql`${t.contact.score}`, integer: true },
  {
    key: "ltvMinor",
    label: "Lifetime value (minor units)",
    type: "number",
    entity: "contact",
    column: (t) => sql`${t.contact.ltvMinor}`,
    integer: true,
  },
  { key: "doNotContact", label: "Do not contact", type: "boolean", entity: "contact", column: (t) => sql`${t.contact.doNotContact}` },
  { key: "createdAt", label: "Created", type: "date", entity: "contact", column: (t) => sql`${t.contact.createdAt}` },
  { key: "updatedAt", label: "Updated", type: "date", entity: "contact", column: (t) => sql`${t.contact.updatedAt}` },
  { key: "company.name", label: "Company name", type: "text", entity: "company", column: (t) => sql`${t.company.name}` },
  {
    key: "company.domain",
    label: "Company domain",
    type: "text",
    entity: "company",
    column: (t) => sql`${t.company.domain}`,
    normalise: domainForm,
  },
  { key: "company.industry", label: "Company industry", type: "text", entity: "company", column: (t) => sql`${t.company.industry}` },
  {
    key: "company.employeeCount",
    label: "Company employees",
    type: "number",
    entity: "company",
    column: (t) => sql`${t.company.employeeCount}`,
    integer: true,
  },
  {
    key: "company.country",
    label: "Company country",
    type: "text",
    entity: "company",
    column: (t) => sql`${t.company.country}`,
    normalise: countryForm,
  },
] satisfies SegmentFieldDef[]) {
  registerSegmentField(def);
}
