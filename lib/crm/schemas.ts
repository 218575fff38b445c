// Inputs of the CRM: contacts, companies, lifecycle moves, notes, events, consent. One zod schema per input, shared by
// forms, server actions, REST routes, the CSV importer and the OpenAPI document. Values are normalised here, once.
import { z } from "zod";
import { LIFECYCLE_STAGES } from "./stages";
import { isValidEmail, isValidTimezone, normaliseCountry, normaliseDomain, normaliseEmail, normalisePhone, normaliseTags } from "./normalize";

export { LIFECYCLE_STAGES };
export const lifecycleStageSchema = z.enum(LIFECYCLE_STAGES);
export const EMAIL_CONSENT = ["unknown", "opted_in", "opted_out"] as const;

export const emailSchema = z
  .string()
  .trim()
  .max(254, "An email address has at most 254 characters.")
  .transform(normaliseEmail)
  .refine(isValidEmail, "Not a valid email address.");

/** A phone in any common format; stored as E.164. A national number needs the contact's country. */
export const phoneSchema = z
  .string()
  .trim()
  .max(40)
  .transform((v, ctx) => {
    const e164 = normalisePhone(v);
    if (!e164) {
      ctx.addIssue({ code: "custom", message: "Not a valid phone number (use international format, e.g. +44 20 7183 8750)." });
      return z.NEVER;
    }
    return e164;
  });

export const countrySchema = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const c = normaliseCountry(v);
    if (!c) {
      ctx.addIssue({ code: "custom", message: "Not a known country (use a name or a 2-letter code)." });
      return z.NEVER;
    }
    return c;
  });

export const domainSchema = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const d = normaliseDomain(v);
    if (!d) {
      ctx.addIssue({ code: "custom", message: "Not a valid domain (e.g. example.com)." });
      return z.NEVER;
    }
    return d;
  });

const tagsSchema = z.array(z.string().max(40)).max(50, "At most 50 tags.").transform(normaliseTags);
const customSchema = z.record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "Custom field keys are lower_snake_case."), z.unknown());
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullable();

/** The fields a contact may carry; every one optional except that a contact needs an email or a name. */
export const contactFields = {
  email: emailSchema.nullable(),
  firstName: optionalText(100),
  lastName: optionalText(100),
  phone: phoneSchema.nullable(),
  title: optionalText(200),
  seniority: optionalText(40),
  department: optionalText(60),
  companyId: z.string().uuid().nullable(),
  ownerUserId: z.string().min(1).nullable(),
  source: optionalText(60),
  country: countrySchema.nullable(),
  timezone: z.string().trim().refine(isValidTimezone, "Not a known IANA time zone.").nullable(),
  tags: tagsSchema,
  custom: customSchema,
  lifecycleStage: lifecycleStageSchema,
  score: z.coerce.number().int().min(0).max(1000).nullable(),
  tier: optionalText(40),
  ltvMinor: z.coerce.number().int().min(0).nullable(),
  emailConsent: z.enum(EMAIL_CONSENT),
  doNotContact: z.boolean(),
};

const contactObject = z.object(contactFields).partial();
const hasIdentity = (c: { email?: string | null; firstName?: string | null; lastName?: string | null }) => !!(c.email || c.firstName || c.lastName);

export const createContactSchema = contactObject.refine(hasIdentity, { message: "A contact needs an email or a name.", path: ["email"] });
/** Why the stage changes, when an edit moves it (required when it moves the contact back; recorded in its history). */
const stageReasonSchema = z.string().trim().min(1).max(500).optional();
export const updateContactSchema = contactObject.extend({ id: z.string().uuid("Not a contact id."), stageReason: stageReasonSchema });
export const upsertContactSchema = contactObject.extend({ email: emailSchema, stageReason: stageReasonSchema });
export const contactIdSchema = z.object({ id: z.string().uuid("Not a contact id.") });

export const CONTACT_SORTS = ["newest", "oldest", "name", "email", "score"] as const;

export const listContactsSchema = z.object({
  q: z.string().trim().max(200).optional(),
  stage: lifecycleStageSchema.optional(),
  tag: z.string().trim().max(40).optional(),
  companyId: z.string().uuid().optional(),
  ownerUserId: z.string().max(100).optional(),
  segmentId: z.string().uuid().optional(),
  sort: z.enum(CONTACT_SORTS).default("newest"),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const bulkContactsSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("tag"), ids: z.array(z.string().uuid()).min(1).max(10_000), add: tagsSchema.default([]), remove: tagsSchema.default([]) }),
  z.object({ action: z.literal("stage"), ids: z.array(z.string().uuid()).min(1).max(10_000), stage: lifecycleStageSchema, reason: z.string().max(500).optional() }),
  z.object({ action: z.literal("owner"), ids: z.array(z.string().uuid()).min(1).max(10_000), ownerUserId: z.string().min(1).nullable() }),
  z.object({ action: z.literal("delete"), ids: z.array(z.string().uuid()).min(1).max(10_000) }),
  z.object({ action: z.literal("restore"), ids: z.array(z.string().uuid()).min(1).max(10_000) }),
]);

export const changeStageSchema = z.object({
  id: z.string().uuid(),
  stage: lifecycleStageSchema,
  reason: z.string().trim().max(500).optional(),
});

export const addNoteSchema = z.object({ contactId: z.string().uuid(), body: z.string().trim().min(1, "Write something.").max(10_000) });

export const CONTACT_EVENT_TYPES = [
  "email_open",
  "email_click",
  "email_bounce",
  "email_unsubscribe",
  "form_submit",
  "page_view",
  "purchase",
  "post_engagement",
  "ad_click",
  "meeting",
  "custom",
] as const;

/** One event as sent to POST /api/v1/events: by contact id or by email (the contact is created when unknown). */
export const contactEventSchema = z
  .object({
    contactId: z.string().uuid().optional(),
    email: emailSchema.optional(),
    type: z.enum(CONTACT_EVENT_TYPES),
    channel: z.string().trim().max(40).optional(),
    campaignId: z.string().uuid().optional(),
    valueMinor: z.number().int().min(0).optional(),
    occurredAt: z.iso.datetime({ offset: true }),
    properties: z.record(z.string(), z.unknown()).default({}),
    idempotencyKey: z.string().trim().min(1).max(200),
  })
  .refine((e) => !!(e.contactId || e.email), { message: "Name the contact by contactId or email.", path: ["contactId"] });

export const ingestEventsSchema = z.object({ events: z.array(contactEventSchema).min(1).max(1000, "At most 1,000 events per batch.") });

export const companyFields = {
  name: z.string().trim().min(1, "Name the company.").max(200),
  domain: domainSchema.nullable(),
  domains: z.array(domainSchema).max(20),
  industry: optionalText(100),
  employeeCount: z.coerce.number().int().min(0).max(10_000_000).nullable(),
  description: optionalText(5000),
  website: z.string().trim().url().max(500).nullable(),
  country: countrySchema.nullable(),
  ownerUserId: z.string().min(1).nullable(),
  custom: customSchema,
};

export const createCompanySchema = z.object(companyFields).partial().required({ name: true });
export const updateCompanySchema = z.object(companyFields).partial().extend({ id: z.string().uuid("Not a company id.") });
export const companyIdSchema = z.object({ id: z.string().uuid("Not a company id.") });
export const listCompaniesSchema = z.object({
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const consentSchema = z.object({
  id: z.string().uuid(),
  emailConsent: z.enum(EMAIL_CONSENT).optional(),
  doNotContact: z.boolean().optional(),
});

export type CreateContactInput = z.input<typeof createContactSchema>;
export type UpdateContactInput = z.input<typeof updateContactSchema>;
export type ContactEventInput = z.input<typeof contactEventSchema>;

/** Fields a merge can take from either contact. */
export const MERGE_FIELDS = [
  "email",
  "firstName",
  "lastName",
  "phone",
  "title",
  "seniority",
  "department",
  "companyId",
  "ownerUserId",
  "source",
  "country",
  "timezone",
  "lifecycleStage",
  "score",
  "tier",
  "ltvMinor",
  "emailConsent",
  "doNotContact",
] as const;

export const mergeContactsSchema = z
  .object({
    winnerId: z.string().uuid(),
    loserId: z.string().uuid(),
    /** Per field, whose value to keep; unspecified fields keep the winner's value, or the loser's when the winner has none. */
    pick: z.partialRecord(z.enum(MERGE_FIELDS), z.enum(["winner", "loser"])).default({}),
  })
  .refine((m) => m.winnerId !== m.loserId, { message: "Pick two different contacts.", path: ["loserId"] });

// ---------------------------------------------------------------- lifecycle rules and custom field definitions
// A rule's `condition` is a segment rule tree; the engine checks it with the segment schema and compiler (importing the
// segment schemas here would make a module cycle: lib/crm/segments/fields imports this file).

/** Stages a rule may move contacts to: the funnel after "subscriber". Rules only ever move contacts forward. */
export const RULE_TARGET_STAGES = ["lead", "mql", "sql", "opportunity", "customer", "evangelist"] as const;

const ruleName = z.string().trim().min(1, "Name the rule.").max(120, "At most 120 characters.");
const ruleCondition = z.record(z.string(), z.unknown(), { error: "Describe which contacts the rule applies to." });

export const createLifecycleRuleSchema = z.object({
  name: ruleName,
  condition: ruleCondition,
  toStage: z.enum(RULE_TARGET_STAGES, { error: "Pick the stage to move contacts to." }),
  enabled: z.boolean().default(true),
});
export const updateLifecycleRuleSchema = z.object({
  id: z.string().uuid("Not a rule id."),
  name: ruleName.optional(),
  condition: ruleCondition.optional(),
  toStage: z.enum(RULE_TARGET_STAGES, { error: "Pick the stage to move contacts to." }).optional(),
  enabled: z.boolean().optional(),
});
export const lifecycleRuleIdSchema = z.object({ id: z.string().uuid("Not a rule id.") });
/** "Run rules now": every enabled rule over every contact of the workspace. */
export const runLifecycleRulesSchema = z.object({});
export const listLifecycleRulesSchema = z.object({});

export const CUSTOM_FIELD_TYPES = ["text", "number", "date", "boolean", "select"] as const;
export type CustomFieldDefType = (typeof CUSTOM_FIELD_TYPES)[number];
export const CUSTOM_FIELD_ENTITIES = ["contact", "company"] as const;

export const customFieldKeySchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "A key is lower_snake_case: a letter first, then letters, digits or _ (at most 40).");
const customFieldLabel = z.string().trim().min(1, "Label the field.").max(80, "At most 80 characters.");
const customFieldOptions = z
  .array(z.string().trim().min(1, "An option cannot be empty.").max(100, "An option has at most 100 characters."))
  .max(100, "At most 100 options.")
  .refine((o) => new Set(o.map((x) => x.toLowerCase())).size === o.length, "Options must be different from each other.");

export const createCustomFieldSchema = z
  .object({
    entity: z.enum(CUSTOM_FIELD_ENTITIES).default("contact"),
    /** Derived from the label when absent. */
    key: customFieldKeySchema.optional(),
    label: customFieldLabel,
    type: z.enum(CUSTOM_FIELD_TYPES, { error: "Pick a field type." }),
    options: customFieldOptions.default([]),
  })
  .superRefine((f, ctx) => {
    if (f.type === "select" && f.options.length === 0) ctx.addIssue({ code: "custom", path: ["options"], message: "A select field needs at least one option." });
    if (f.type !== "select" && f.options.length > 0) ctx.addIssue({ code: "custom", path: ["options"], message: "Only select fields have options." });
  });
/** The key and type never change (stored values were written for them); the label and a select's options can. */
export const updateCustomFieldSchema = z.object({
  entity: z.enum(CUSTOM_FIELD_ENTITIES).default("contact"),
  key: customFieldKeySchema,
  label: customFieldLabel.optional(),
  options: customFieldOptions.optional(),
});
export const deleteCustomFieldSchema = z.object({
  entity: z.enum(CUSTOM_FIELD_ENTITIES).default("contact"),
  key: customFieldKeySchema,
  /** Required when records hold a value for the field; the values stay on the records (see lib/crm/custom-fields.ts). */
  confirm: z.boolean().default(false),
});
export const listCustomFieldsSchema = z.object({ entity: z.enum(CUSTOM_FIELD_ENTITIES).optional() });
