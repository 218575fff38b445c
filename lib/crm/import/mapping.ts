// Column mapping for CSV imports: the contact fields a column may feed, header auto-detection by normalised synonyms,
// and the checks a mapping must pass before an import starts. Pure; never reads a file or the database.

export const IMPORT_FIELDS = [
  "email",
  "firstName",
  "lastName",
  "fullName",
  "phone",
  "title",
  "seniority",
  "department",
  "company",
  "companyDomain",
  "country",
  "timezone",
  "tags",
  "lifecycleStage",
  "source",
  "score",
  "tier",
  "emailConsent",
  "doNotContact",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** A contact field, or `custom.<lower_snake_key>` for a custom field. */
export type MappingTarget = ImportField | `custom.${string}`;
/** CSV header → target; null (or absent) ignores the column. */
export type ImportMapping = Record<string, MappingTarget | null>;

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  email: "Email",
  firstName: "First name",
  lastName: "Last name",
  fullName: "Full name (split into first and last)",
  phone: "Phone",
  title: "Job title",
  seniority: "Seniority",
  department: "Department",
  company: "Company (name)",
  companyDomain: "Company domain or website",
  country: "Country",
  timezone: "Time zone",
  tags: "Tags (separated by ; or ,)",
  lifecycleStage: "Lifecycle stage",
  source: "Source",
  score: "Score",
  tier: "Tier",
  emailConsent: "Email consent",
  doNotContact: "Do not contact",
};

const CUSTOM_KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** Synonyms, written as normaliseHeader() leaves them: lower case, words separated by one space. */
const SYNONYMS: Record<ImportField, string[]> = {
  email: ["email", "e mail", "email address", "e mail address", "mail", "emailaddress", "work email", "business email", "primary email", "contact email", "courriel"],
  firstName: ["first name", "firstname", "first", "given name", "forename", "fname", "prenom", "vorname", "nombre"],
  lastName: ["last name", "lastname", "last", "surname", "family name", "lname", "nom", "nachname", "apellido"],
  fullName: ["name", "full name", "fullname", "contact name", "contact"],
  phone: ["phone", "phone number", "mobile", "mobile phone", "mobile number", "cell", "cell phone", "telephone", "tel", "work phone", "direct phone"],
  title: ["title", "job title", "jobtitle", "position", "job", "job role"],
  seniority: ["seniority", "level", "seniority level"],
  department: ["department", "dept", "function"],
  company: ["company", "company name", "organization", "organisation", "organization name", "organisation name", "account", "account name", "employer", "firm"],
  companyDomain: ["company domain", "domain", "website", "company website", "web site", "url", "company url", "homepage"],
  country: ["country", "country code", "country name", "nation"],
  timezone: ["timezone", "time zone", "tz"],
  tags: ["tags", "tag", "labels", "label", "lists"],
  lifecycleStage: ["lifecycle stage", "lifecycle", "lifecyclestage", "stage", "lead stage", "funnel stage"],
  source: ["source", "lead source", "origin", "original source"],
  score: ["score", "lead score"],
  tier: ["tier", "account tier"],
  emailConsent: ["email consent", "consent", "marketing consent", "email opt in", "opt in", "opted in", "subscribed"],
  doNotContact: ["do not contact", "dnc", "do not call", "do not email"],
};

const SYNONYM_INDEX = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) for (const s of SYNONYMS[field]) SYNONYM_INDEX.set(s, field);

/** "E-mail Address" → "e mail address"; "firstName" → "first name"; accents dropped. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** The custom field key a header would become: lower_snake_case, starting with a letter, at most 40 characters. */
export function customKeyFor(header: string): string | null {
  let key = normaliseHeader(header).replace(/ /g, "_");
  key = key.replace(/^[^a-z]+/, "").slice(0, 40).replace(/_+$/, "");
  return CUSTOM_KEY.test(key) ? key : null;
}

export function isImportField(v: unknown): v is ImportField {
  return typeof v === "string" && (IMPORT_FIELDS as readonly string[]).includes(v);
}

export function isMappingTarget(v: unknown): v is MappingTarget {
  if (isImportField(v)) return true;
  return typeof v === "string" && v.startsWith("custom.") && CUSTOM_KEY.test(v.slice("custom.".length));
}

/** Substring rules for headers no synonym matches exactly, e.g. "Work E-mail (primary)". Order matters. */
const FUZZY: [RegExp, ImportField][] = [
  [/\be ?mail\b/, "email"],
  [/\b(first|given) name\b/, "firstName"],
  [/\b(last|family) name\b|\bsurname\b/, "lastName"],
  [/\b(phone|mobile|cell|telephone)\b/, "phone"],
  [/\bjob title\b/, "title"],
  [/\b(company|organi[sz]ation)\b.*\b(domain|website|url)\b/, "companyDomain"],
  [/\b(company|organi[sz]ation)\b/, "company"],
  [/\blifecycle\b/, "lifecycleStage"],
  [/\btags?\b/, "tags"],
  [/\bcountry\b/, "country"],
];

/** Best guess for each header; a field is suggested for one column only, and unknown columns are ignored (null). */
export function suggestMapping(headers: string[]): ImportMapping {
  const out: ImportMapping = {};
  const used = new Set<MappingTarget>();
  const pending: string[] = [];
  for (const header of headers) {
    out[header] = null;
    const trimmed = header.trim();
    if (trimmed.toLowerCase().startsWith("custom.") && isMappingTarget(trimmed.toLowerCase())) {
      const target = trimmed.toLowerCase() as MappingTarget;
      if (!used.has(target)) {
        out[header] = target;
        used.add(target);
      }
      continue;
    }
    const field = SYNONYM_INDEX.get(normaliseHeader(header));
    if (field && !used.has(field)) {
      out[header] = field;
      used.add(field);
    } else if (!field) {
      pending.push(header);
    }
  }
  for (const header of pending) {
    const n = normaliseHeader(header);
    for (const [re, field] of FUZZY) {
      if (re.test(n) && !used.has(field)) {
        out[header] = field;
        used.add(field);
        break;
      }
    }
  }
  return out;
}

/** Why a mapping cannot be used, in words for the user; empty when it can. */
export function mappingProblems(headers: string[], mapping: ImportMapping): string[] {
  const problems: string[] = [];
  const known = new Set(headers);
  const byTarget = new Map<MappingTarget, string[]>();
  for (const [header, target] of Object.entries(mapping)) {
    if (!known.has(header)) {
      problems.push(`"${header}" is not a column of this file.`);
      continue;
    }
    if (target === null || target === undefined) continue;
    if (!isMappingTarget(target)) {
      problems.push(`"${header}" is mapped to "${String(target)}", which is not a contact field (use a field name or custom.<lower_snake_key>).`);
      continue;
    }
    byTarget.set(target, [...(byTarget.get(target) ?? []), header]);
  }
  for (const [target, cols] of byTarget) {
    // Tags from several columns are merged; any other field takes its value from one column only.
    if (cols.length > 1 && target !== "tags") {
      problems.push(`${cols.map((c) => `"${c}"`).join(" and ")} are all mapped to ${labelOf(target)}; map one of them.`);
    }
  }
  const has = (f: ImportField) => byTarget.has(f);
  if (!has("email") && !has("firstName") && !has("lastName") && !has("fullName")) {
    problems.push("Map a column to Email, or to a name (First name, Last name or Full name): every contact needs one of them.");
  }
  return problems;
}

export function labelOf(target: MappingTarget): string {
  return isImportField(target) ? IMPORT_FIELD_LABELS[target] : `custom field "${target.slice("custom.".length)}"`;
}
