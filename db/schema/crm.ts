// The CRM's tables: companies, contacts (with lifecycle, consent, score/tier/LTV and field provenance), the append-only
// contact events behind each timeline, notes, lifecycle history and rules, custom fields, segments, imports and enrichment runs.
// Every table leads its indexes with workspace_id; events are designed for tens of millions of rows per workspace.
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users, workspaces } from "./auth";
import { campaigns } from "./core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const wsId = () =>
  text("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" });

/** Where an enriched field's value came from. */
export interface FieldProvenance {
  provider: string;
  confidence: number;
  at: string;
}
export type ProvenanceMap = Record<string, FieldProvenance>;

export { LIFECYCLE_STAGES, type LifecycleStage } from "../../lib/crm/stages";

export const companies = pgTable(
  "companies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: wsId(),
    name: text("name").notNull(),
    /** Primary domain, lower-cased, without www. */
    domain: text("domain"),
    /** Every domain the company uses (the primary one included). */
    domains: text("domains").array().notNull().default(sql`'{}'::text[]`),
    industry: text("industry"),
    employeeCount: integer("employee_count"),
    description: text("description"),
    website: text("website"),
    /** Social profile URLs keyed by network (linkedin, x, facebook, instagram, youtube, github…). */
    social: jsonb("social").$type<Record<string, string>>().notNull().default({}),
    /** AI summary from the gateway (enrichment). */
    summary: text("summary"),
    country: text("country"),
    custom: jsonb("custom").$type<Record<string, unknown>>().notNull().default({}),
    provenance: jsonb("provenance").$type<ProvenanceMap>().notNull().default({}),
    ownerUserId: text("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("companies_workspace_created_idx").on(t.workspaceId, t.createdAt.desc(), t.id),
    index("companies_workspace_name_idx").on(t.workspaceId, sql`lower(${t.name})`),
    uniqueIndex("companies_workspace_domain_uq").on(t.workspaceId, t.domain).where(sql`${t.domain} is not null`),
  ],
);

export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: wsId(),
    email: text("email"),
    firstName: text("first_name"),
    lastName: text("last_name"),
    /** E.164, e.g. +442071838750. */
    phone: text("phone"),
    title: text("title"),
    seniority: text("seniority"),
    department: text("department"),
    companyId: uuid("company_id").references(() => companies.id, { onDelete: "set null" }),
    ownerUserId: text("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    source: text("source"),
    /** ISO 3166-1 alpha-2. */
    country: text("country"),
    timezone: text("timezone"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    custom: jsonb("custom").$type<Record<string, unknown>>().notNull().default({}),
    lifecycleStage: text("lifecycle_stage").notNull().default("subscriber"),
    /** Filled by analytics later; plain fields until then. */
    score: integer("score"),
    tier: text("tier"),
    ltvMinor: bigint("ltv_minor", { mode: "number" }),
    /** unknown | opted_in | opted_out */
    emailConsent: text("email_consent").notNull().default("unknown"),
    doNotContact: boolean("do_not_contact").notNull().default(false),
    provenance: jsonb("provenance").$type<ProvenanceMap>().notNull().default({}),
    /** Soft delete: bulk delete can be undone until the purge. */
    deletedAt: ts("deleted_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    // (created_at, id) both descending so keyset pages compare the row (created_at, id) < (…) in one index range, either direction.
    index("contacts_workspace_created_id_idx").on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
    // The other list sorts, on the exact (coalesced) keys lib/crm/contacts.ts orders by, so their pages are index ranges too.
    // The text keys are in the "C" collation (code-point order, what the embedded database sorts by anyway), so the same
    // index also answers the search box's prefix match (`key LIKE 'dub%'` becomes a range) on any database's locale.
    index("contacts_workspace_name_key_idx").on(
      t.workspaceId,
      sql`lower(coalesce(${t.lastName}, '') || ' ' || coalesce(${t.firstName}, '')) collate "C"`,
      t.id,
    ),
    index("contacts_workspace_email_key_idx").on(t.workspaceId, sql`coalesce(lower(${t.email}), '') collate "C"`, t.id),
    index("contacts_workspace_score_sort_idx").on(t.workspaceId, sql`coalesce(${t.score}, -1) desc nulls last`, t.id.desc()),
    uniqueIndex("contacts_workspace_email_uq").on(t.workspaceId, sql`lower(${t.email})`).where(sql`${t.email} is not null`),
    index("contacts_workspace_company_idx").on(t.workspaceId, t.companyId),
    index("contacts_workspace_stage_idx").on(t.workspaceId, t.lifecycleStage),
    // No index on phone: no query looks a contact up by its stored phone (segments compare lower(phone), duplicate
    // detection groups the whole workspace), and at 1M contacts it cost a CSV import ~6 s of its insert (migration 0008).
    // Search by first name or "first last" (the other two search keys are the sort keys above); migration 0009 put it in
    // place of an index on (lower(last_name), lower(first_name)) that no query could use.
    index("contacts_workspace_first_last_idx").on(
      t.workspaceId,
      sql`lower(coalesce(${t.firstName}, '') || ' ' || coalesce(${t.lastName}, '')) collate "C"`,
    ),
    index("contacts_tags_gin").using("gin", t.tags),
  ],
);

/** Append-only; a contact's timeline. Idempotency keys make API and CSV ingestion safe to repeat. */
export const contactEvents = pgTable(
  "contact_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: wsId(),
    contactId: uuid("contact_id").notNull(),
    /** email_open, email_click, form_submit, page_view, purchase, post_engagement, lifecycle_change, note, … */
    type: text("type").notNull(),
    channel: text("channel"),
    campaignId: uuid("campaign_id").references(() => campaigns.id, { onDelete: "set null" }),
    /** Money in minor units (purchases), when the event has a value. */
    valueMinor: bigint("value_minor", { mode: "number" }),
    occurredAt: ts("occurred_at").notNull(),
    properties: jsonb("properties").$type<Record<string, unknown>>().notNull().default({}),
    idempotencyKey: text("idempotency_key"),
    receivedAt: ts("received_at").notNull().defaultNow(),
  },
  (t) => [
    index("contact_events_workspace_contact_time_idx").on(t.workspaceId, t.contactId, t.occurredAt.desc()),
    // (workspace_id, type, occurred_at) INCLUDE (contact_id) and (workspace_id, campaign_id, type, occurred_at)
    // INCLUDE (contact_id) are created in migration 0004 (drizzle cannot declare INCLUDE): segment event rules
    // ("no open in 90 days", "clicked in campaign X") then run as index-only scans.
    uniqueIndex("contact_events_workspace_idem_uq").on(t.workspaceId, t.idempotencyKey).where(sql`${t.idempotencyKey} is not null`),
  ],
);

export const contactNotes = pgTable(
  "contact_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: wsId(),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    authorUserId: text("author_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("contact_notes_workspace_contact_idx").on(t.workspaceId, t.contactId, t.createdAt.desc())],
);

export const lifecycleHistory = pgTable(
  "lifecycle_history",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: wsId(),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    fromStage: text("from_stage"),
    toStage: text("to_stage").notNull(),
    actorLabel: text("actor_label").notNull(),
    reason: text("reason"),
    ruleId: uuid("rule_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("lifecycle_history_workspace_contact_idx").on(t.workspaceId, t.contactId, t.createdAt.desc())],
);

export const lifecycleRules = pgTable(
  "lifecycle_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: wsId(),
    name: text("name").notNull(),
    /** A segment rule tree (see lib/crm/segments) that a contact must match. */
    condition: jsonb("condition").notNull(),
    toStage: text("to_stage").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("lifecycle_rules_workspace_idx").on(t.workspaceId, t.createdAt)],
);

export const customFieldDefs = pgTable(
  "custom_field_defs",
  {
    workspaceId: wsId(),
    /** contact | company */
    entity: text("entity").notNull(),
    key: text("key").notNull(),
    label: text("label").notNull(),
    /** text | number | date | boolean | select */
    type: text("type").notNull(),
    options: text("options").array().notNull().default(sql`'{}'::text[]`),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.entity, t.key] })],
);

export const segments = pgTable(
  "segments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: wsId(),
    name: text("name").notNull(),
    /** dynamic (rules) | static (a hand-picked list) */
    kind: text("kind").notNull(),
    rules: jsonb("rules"),
    createdByUserId: text("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("segments_workspace_idx").on(t.workspaceId, t.createdAt.desc())],
);

export const segmentMembers = pgTable(
  "segment_members",
  {
    workspaceId: wsId(),
    segmentId: uuid("segment_id")
      .notNull()
      .references(() => segments.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    addedAt: ts("added_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.segmentId, t.contactId] }), index("segment_members_contact_idx").on(t.workspaceId, t.contactId)],
);

/** The exact membership of a segment when it was used (for a send, an export), frozen. */
export const segmentSnapshots = pgTable(
  "segment_snapshots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: wsId(),
    segmentId: uuid("segment_id")
      .notNull()
      .references(() => segments.id, { onDelete: "cascade" }),
    purpose: text("purpose").notNull(),
    memberCount: integer("member_count").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("segment_snapshots_workspace_idx").on(t.workspaceId, t.segmentId, t.createdAt.desc())],
);

export const segmentSnapshotMembers = pgTable(
  "segment_snapshot_members",
  {
    workspaceId: wsId(),
    snapshotId: uuid("snapshot_id")
      .notNull()
      .references(() => segmentSnapshots.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.snapshotId, t.contactId] })],
);

export const contactImports = pgTable(
  "contact_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: wsId(),
    fileName: text("file_name").notNull(),
    /** Where the uploaded file is kept until the import ends. */
    filePath: text("file_path").notNull(),
    fileBytes: bigint("file_bytes", { mode: "number" }).notNull(),
    /** uploaded | validating | ready | committing | completed | failed | cancelled */
    status: text("status").notNull().default("uploaded"),
    /** CSV header → contact field (or custom.<key>, or null to ignore). */
    mapping: jsonb("mapping").$type<Record<string, string | null>>().notNull().default({}),
    /** skip | update | fill_blanks */
    policy: text("policy").notNull().default("skip"),
    totalRows: integer("total_rows").notNull().default(0),
    processedRows: integer("processed_rows").notNull().default(0),
    validRows: integer("valid_rows").notNull().default(0),
    errorRows: integer("error_rows").notNull().default(0),
    duplicateRows: integer("duplicate_rows").notNull().default(0),
    inserted: integer("inserted").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    /** After the commit: backward stage moves left out (the importer's role), stage moves made, companies and custom fields created. */
    stageMovesRefused: integer("stage_moves_refused").notNull().default(0),
    stageChanges: integer("stage_changes").notNull().default(0),
    companiesCreated: integer("companies_created").notNull().default(0),
    customFieldsCreated: integer("custom_fields_created").notNull().default(0),
    /** SHA-256 of the file, so re-running the same file is recognised. */
    fileSha256: text("file_sha256"),
    /** The file's header row as read, in order: the columns of the "rows to fix" download. */
    headers: text("headers").array(),
    errorMessage: text("error_message"),
    createdByUserId: text("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    finishedAt: ts("finished_at"),
  },
  (t) => [index("contact_imports_workspace_idx").on(t.workspaceId, t.createdAt.desc())],
);

export const contactImportErrors = pgTable(
  "contact_import_errors",
  {
    workspaceId: wsId(),
    importId: uuid("import_id")
      .notNull()
      .references(() => contactImports.id, { onDelete: "cascade" }),
    rowNumber: integer("row_number").notNull(),
    field: text("field").notNull(),
    reason: text("reason").notNull(),
  },
  (t) => [index("contact_import_errors_idx").on(t.workspaceId, t.importId, t.rowNumber)],
);

/**
 * The cells of each row an import rejected, exactly as read from the file, so the rows can be downloaded, fixed and
 * imported again. Capped per import (lib/crm/import/limits.ts); removed with the import.
 */
export const contactImportRejects = pgTable(
  "contact_import_rejects",
  {
    workspaceId: wsId(),
    importId: uuid("import_id")
      .notNull()
      .references(() => contactImports.id, { onDelete: "cascade" }),
    rowNumber: integer("row_number").notNull(),
    cells: text("cells").array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.importId, t.rowNumber] })],
);

export const enrichmentRuns = pgTable(
  "enrichment_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: wsId(),
    /** contact | segment | import */
    scope: text("scope").notNull(),
    targetId: text("target_id").notNull(),
    /** queued | running | completed | failed | cancelled */
    status: text("status").notNull().default("queued"),
    total: integer("total").notNull().default(0),
    done: integer("done").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    fieldsFilled: integer("fields_filled").notNull().default(0),
    createdByUserId: text("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    finishedAt: ts("finished_at"),
  },
  (t) => [index("enrichment_runs_workspace_idx").on(t.workspaceId, t.createdAt.desc())],
);

/** Admin allow-list for the website fetcher: hosts it may reach even when they resolve to private addresses. */
export const enrichmentAllowHosts = pgTable(
  "enrichment_allow_hosts",
  {
    workspaceId: wsId(),
    host: text("host").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.host] })],
);

export type Company = typeof companies.$inferSelect;
export type Contact = typeof contacts.$inferSelect;
export type NewContact = typeof contacts.$inferInsert;
export type ContactEvent = typeof contactEvents.$inferSelect;
export type Segment = typeof segments.$inferSelect;
export type ContactImport = typeof contactImports.$inferSelect;
