// Per-row validation of CSV imports: one record of cells → a normalised contact ready for staging, or the reasons it
// cannot be imported (row number, column, reason). Uses the CRM's own field schemas; never touches the database.
import type { z } from "zod";
import { companyFields, contactFields } from "@/lib/crm/schemas";
import { isValidEmail, normaliseEmail, normalisePhone } from "@/lib/crm/normalize";
import { STAGE_LABELS, type LifecycleStage } from "@/lib/crm/stages";
import { checkCustomValue, type CustomValueDef } from "@/lib/crm/custom-values";
import { MAX_CUSTOM_VALUE_CHARS } from "./limits";
import { isImportField, type ImportField, type ImportMapping, type MappingTarget } from "./mapping";

/** A contact as it goes into the staging table: every value normalised; null means "the file says nothing". */
export interface StagedContact {
  sourceRow: number;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  title: string | null;
  seniority: string | null;
  department: string | null;
  source: string | null;
  country: string | null;
  timezone: string | null;
  tags: string[] | null;
  lifecycleStage: LifecycleStage | null;
  score: number | null;
  tier: string | null;
  emailConsent: "unknown" | "opted_in" | "opted_out" | null;
  doNotContact: boolean | null;
  custom: Record<string, unknown> | null;
  companyName: string | null;
  companyDomain: string | null;
}

/** A staged row with every field unset: what mapping fills in, and what tests start from. */
export function emptyStagedContact(sourceRow: number): StagedContact {
  return {
    sourceRow,
    email: null,
    firstName: null,
    lastName: null,
    phone: null,
    title: null,
    seniority: null,
    department: null,
    source: null,
    country: null,
    timezone: null,
    tags: null,
    lifecycleStage: null,
    score: null,
    tier: null,
    emailConsent: null,
    doNotContact: null,
    custom: null,
    companyName: null,
    companyDomain: null,
  };
}

export interface RowError {
  row: number;
  /** The CSV column the problem is in, or "(row)" for the row as a whole. */
  field: string;
  reason: string;
}

export const WHOLE_ROW = "(row)";

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Remembers parses of low-variety values (countries, time zones): a file repeats a few dozen of them a million times. */
class ParseCache<T> {
  private readonly map = new Map<string, Parsed<T>>();
  constructor(private readonly parse: (v: string) => Parsed<T>) {}
  get(v: string): Parsed<T> {
    let hit = this.map.get(v);
    if (!hit) {
      if (this.map.size >= 10_000) this.map.clear();
      hit = this.parse(v);
      this.map.set(v, hit);
    }
    return hit;
  }
}

function fromSchema<T>(schema: z.ZodType<T>): (v: string) => Parsed<T> {
  return (v) => {
    const parsed = schema.safeParse(v);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: firstIssue(parsed.error) };
  };
}

export interface RowPlan {
  headerCount: number;
  columns: { index: number; header: string; target: MappingTarget }[];
  countries: ParseCache<string | null>;
  timezones: ParseCache<string | null>;
  /** Like countries: a file spells its stages, companies and tag lists a few thousand ways at most, a million times. */
  stages: ParseCache<LifecycleStage>;
  companies: ParseCache<string>;
  tagLists: ParseCache<string[] | null>;
  /** Names, titles, departments…: first names and job titles repeat through a file too (a miss costs one map lookup). */
  texts: Record<TextField, ParseCache<string | null>>;
  /** The workspace's contact custom field definitions by key: a mapped custom column must fit its field's type. */
  customDefs?: ReadonlyMap<string, CustomValueDef>;
}

export function compileRowPlan(headers: string[], mapping: ImportMapping, customDefs?: ReadonlyMap<string, CustomValueDef>): RowPlan {
  const columns: RowPlan["columns"] = [];
  headers.forEach((header, index) => {
    const target = mapping[header];
    if (target) columns.push({ index, header, target });
  });
  return {
    headerCount: headers.length,
    columns,
    countries: new ParseCache(fromSchema(contactFields.country)),
    timezones: new ParseCache(fromSchema(contactFields.timezone)),
    stages: new ParseCache(parseStage),
    companies: new ParseCache(fromSchema(companyFields.name)),
    tagLists: new ParseCache((v) => parseTags([v])),
    texts: {
      firstName: new ParseCache(fromSchema(contactFields.firstName)),
      lastName: new ParseCache(fromSchema(contactFields.lastName)),
      title: new ParseCache(fromSchema(contactFields.title)),
      seniority: new ParseCache(fromSchema(contactFields.seniority)),
      department: new ParseCache(fromSchema(contactFields.department)),
      source: new ParseCache(fromSchema(contactFields.source)),
      tier: new ParseCache(fromSchema(contactFields.tier)),
    },
    customDefs,
  };
}

/**
 * A cell as the user meant it: trimmed, without NUL characters (Postgres text cannot hold them), and without the
 * apostrophe a spreadsheet export puts before =, +, -, @ to stop formulas (our own export does), so an export re-imports.
 */
export function cleanCell(raw: string | undefined): string {
  if (!raw) return "";
  let v = raw.indexOf("\u0000") === -1 ? raw : raw.replace(/\u0000/g, "");
  v = v.trim();
  if (v.length > 1 && v[0] === "'" && /[=+\-@\t\r]/.test(v[1]!)) v = v.slice(1);
  return v;
}

const STAGE_WORDS = new Map<string, LifecycleStage>();
for (const [stage, label] of Object.entries(STAGE_LABELS) as [LifecycleStage, string][]) {
  STAGE_WORDS.set(stage, stage);
  STAGE_WORDS.set(label.toLowerCase(), stage);
}
for (const [word, stage] of [
  ["marketing qualified lead", "mql"],
  ["marketing_qualified_lead", "mql"],
  ["sales qualified lead", "sql"],
  ["sales_qualified_lead", "sql"],
  ["opp", "opportunity"],
  ["prospect", "lead"],
  ["advocate", "evangelist"],
  ["customers", "customer"],
  ["subscribers", "subscriber"],
  ["leads", "lead"],
] as const) {
  STAGE_WORDS.set(word, stage);
}

const CONSENT_WORDS: Record<string, "unknown" | "opted_in" | "opted_out"> = {
  unknown: "unknown",
  opted_in: "opted_in",
  "opted in": "opted_in",
  "opt in": "opted_in",
  "opt-in": "opted_in",
  yes: "opted_in",
  y: "opted_in",
  true: "opted_in",
  "1": "opted_in",
  subscribed: "opted_in",
  opted_out: "opted_out",
  "opted out": "opted_out",
  "opt out": "opted_out",
  "opt-out": "opted_out",
  // A plain "no" is read as the stricter answer: never mail someone whose file says no.
  no: "opted_out",
  n: "opted_out",
  false: "opted_out",
  "0": "opted_out",
  unsubscribed: "opted_out",
};

const BOOLEAN_WORDS: Record<string, boolean> = {
  true: true,
  yes: true,
  y: true,
  "1": true,
  x: true,
  false: false,
  no: false,
  n: false,
  "0": false,
};

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? "Not a valid value.";
}

/** Splits "Jane Q. Doe" → ["Jane Q.", "Doe"] and "Doe, Jane" → ["Jane", "Doe"]; one word is a first name. */
export function splitFullName(full: string): [string | null, string | null] {
  const comma = full.indexOf(",");
  if (comma > 0) {
    const last = full.slice(0, comma).trim();
    const first = full.slice(comma + 1).trim();
    return [first || null, last || null];
  }
  const parts = full.split(/\s+/).filter(Boolean);
  if (parts.length === 0) return [null, null];
  if (parts.length === 1) return [parts[0]!, null];
  return [parts.slice(0, -1).join(" "), parts[parts.length - 1]!];
}

function parseStage(value: string): Parsed<LifecycleStage> {
  const stage = STAGE_WORDS.get(value.toLowerCase().replace(/\s+/g, " "));
  const parsed = contactFields.lifecycleStage.safeParse(stage ?? value);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, reason: `Not a lifecycle stage ("${value.slice(0, 40)}"); use one of: ${Object.values(STAGE_LABELS).join(", ")}.` };
}

/** The tags of a row's tag cells (split on ; and ,), or null when they hold none. */
function parseTags(cells: string[]): Parsed<string[] | null> {
  const raw = cells.flatMap((v) => v.split(/[;,]/)).map((t) => t.trim()).filter(Boolean);
  const parsed = contactFields.tags.safeParse(raw);
  return parsed.success
    ? { ok: true, value: parsed.data.length > 0 ? parsed.data : null }
    : { ok: false, reason: `${firstIssue(parsed.error)} (tags are at most 40 characters, at most 50 per contact).` };
}

type TextField = "firstName" | "lastName" | "title" | "seniority" | "department" | "source" | "tier";
const TEXT_FIELDS = new Set<ImportField>(["firstName", "lastName", "title", "seniority", "department", "source", "tier"]);

/** Validates one record against the plan. `row` is the file line the record starts on (the header is row 1). */
export function validateRow(plan: RowPlan, cells: string[], row: number): { contact: StagedContact } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (field: string, reason: string) => errors.push({ row, field, reason });

  if (cells.length > plan.headerCount) {
    const extra = cells.slice(plan.headerCount).some((c) => c.trim() !== "");
    if (extra) {
      fail(WHOLE_ROW, `This row has ${cells.length} values but the header has ${plan.headerCount} columns (an unquoted delimiter inside a value?).`);
      return { errors };
    }
  }

  const c = emptyStagedContact(row);
  let fullName: { header: string; value: string } | null = null;
  let phoneCell: { header: string; value: string } | null = null;
  const tagCells: { header: string; value: string }[] = [];

  for (const { index, header, target } of plan.columns) {
    const value = cleanCell(cells[index]);
    if (value === "") continue;
    if (!isImportField(target)) {
      if (value.length > MAX_CUSTOM_VALUE_CHARS) {
        fail(header, `At most ${MAX_CUSTOM_VALUE_CHARS.toLocaleString("en")} characters in a custom field (this one has ${value.length.toLocaleString("en")}).`);
      } else {
        const key = target.slice("custom.".length);
        const def = plan.customDefs?.get(key);
        const checked = def ? checkCustomValue(def, value) : { ok: true as const, value };
        if (!checked.ok) fail(header, checked.message);
        else if (checked.value !== undefined) (c.custom ??= {})[key] = checked.value;
      }
      continue;
    }
    if (TEXT_FIELDS.has(target)) {
      const parsed = plan.texts[target as TextField].get(value);
      if (parsed.ok) c[target as TextField] = parsed.value;
      else fail(header, parsed.reason);
      continue;
    }
    switch (target) {
      case "email": {
        // The schema's own normalising and checking functions first: an address they accept is exactly what the schema
        // would return, so only a refused one goes through zod (for its message).
        const email = normaliseEmail(value);
        if (isValidEmail(email)) {
          c.email = email;
          break;
        }
        const parsed = contactFields.email.safeParse(value);
        if (parsed.success) c.email = parsed.data;
        else fail(header, `${firstIssue(parsed.error)} ("${value.length > 80 ? `${value.slice(0, 80)}…` : value}")`);
        break;
      }
      case "fullName":
        fullName = { header, value };
        break;
      case "phone":
        // Parsed after the loop, when the row's country (the default region for national numbers) is known.
        phoneCell = { header, value };
        break;
      case "country": {
        const parsed = plan.countries.get(value);
        if (parsed.ok) c.country = parsed.value;
        else fail(header, parsed.reason);
        break;
      }
      case "timezone": {
        const parsed = plan.timezones.get(value);
        if (parsed.ok) c.timezone = parsed.value;
        else fail(header, parsed.reason);
        break;
      }
      case "tags":
        tagCells.push({ header, value });
        break;
      case "lifecycleStage": {
        const parsed = plan.stages.get(value);
        if (parsed.ok) c.lifecycleStage = parsed.value;
        else fail(header, parsed.reason);
        break;
      }
      case "score": {
        const parsed = contactFields.score.safeParse(value);
        if (parsed.success) c.score = parsed.data;
        else fail(header, `A score is a whole number from 0 to 1000 ("${value.slice(0, 40)}").`);
        break;
      }
      case "emailConsent": {
        const parsed = contactFields.emailConsent.safeParse(CONSENT_WORDS[value.toLowerCase()] ?? value);
        if (parsed.success) c.emailConsent = parsed.data;
        else fail(header, `Email consent is one of opted_in, opted_out, unknown (or yes/no) ("${value.slice(0, 40)}").`);
        break;
      }
      case "doNotContact": {
        const b = BOOLEAN_WORDS[value.toLowerCase()];
        const parsed = contactFields.doNotContact.safeParse(b);
        if (parsed.success) c.doNotContact = parsed.data;
        else fail(header, `Do not contact is yes or no ("${value.slice(0, 40)}").`);
        break;
      }
      case "company": {
        const parsed = plan.companies.get(value);
        if (parsed.ok) c.companyName = parsed.value;
        else fail(header, parsed.reason);
        break;
      }
      case "companyDomain": {
        const parsed = companyFields.domain.safeParse(value);
        if (parsed.success) c.companyDomain = parsed.data;
        else fail(header, firstIssue(parsed.error));
        break;
      }
    }
  }

  if (phoneCell) {
    const e164 = phoneCell.value.length <= 40 ? normalisePhone(phoneCell.value, c.country ?? undefined) : null;
    if (e164) c.phone = e164;
    else
      fail(
        phoneCell.header,
        c.country
          ? `Not a valid phone number for ${c.country} ("${phoneCell.value.slice(0, 40)}").`
          : `Not a valid phone number ("${phoneCell.value.slice(0, 40)}"): use international format (+44 20 7183 8750), or give the row a country.`,
      );
  }

  if (tagCells.length > 0) {
    const parsed = tagCells.length === 1 ? plan.tagLists.get(tagCells[0]!.value) : parseTags(tagCells.map((t) => t.value));
    // A cached list is shared by every row that spelled its tags the same way: each row gets its own copy.
    if (parsed.ok) c.tags = parsed.value && [...parsed.value];
    else fail(tagCells[0]!.header, parsed.reason);
  }

  if (fullName) {
    // Separate first/last name columns win; the full name only fills what they leave empty.
    const [first, last] = splitFullName(fullName.value);
    if ((first?.length ?? 0) > 100 || (last?.length ?? 0) > 100) fail(fullName.header, "A first or last name has at most 100 characters.");
    c.firstName ??= first;
    c.lastName ??= last;
  }

  if (errors.length > 0) return { errors };
  if (!c.email && !c.firstName && !c.lastName) {
    fail(WHOLE_ROW, "A contact needs an email or a name, and this row has neither.");
    return { errors };
  }
  return { contact: c };
}
