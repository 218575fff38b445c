// Foundation tables every engine leans on: the audit trail, workspace API keys and campaigns.
// Every row carries workspace_id, which leads each main index so the schema can be sharded by workspace.
import { sql } from "drizzle-orm";
import { bigint, date, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users, workspaces } from "./auth";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** A user id, or null when the actor was an API key or the system. */
    actorUserId: text("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    /** Human-readable actor: the user's email, `api-key:<prefix>` or `system`. */
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    before: jsonb("before").$type<Record<string, unknown> | null>(),
    after: jsonb("after").$type<Record<string, unknown> | null>(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_workspace_time_idx").on(t.workspaceId, t.createdAt.desc(), t.id),
    index("audit_log_workspace_entity_idx").on(t.workspaceId, t.entityType, t.entityId),
  ],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** First characters of the key, shown in the UI so people can tell keys apart. */
    prefix: text("prefix").notNull(),
    /** SHA-256 of the whole key (keys are 256-bit random, so a fast hash is enough). The key itself is never stored. */
    keyHash: text("key_hash").notNull().unique(),
    /** The role the key acts with; never above its creator's. */
    role: text("role").notNull(),
    createdByUserId: text("created_by_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [index("api_keys_workspace_idx").on(t.workspaceId, t.createdAt)],
);

export const campaignStatus = pgEnum("campaign_status", ["planned", "active", "paused", "completed"]);

export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    objective: text("objective").notNull().default(""),
    status: campaignStatus("status").notNull().default("planned"),
    startDate: date("start_date", { mode: "string" }),
    endDate: date("end_date", { mode: "string" }),
    /** Budget in minor units (cents) of `currency`. */
    budgetMinor: bigint("budget_minor", { mode: "number" }).notNull().default(0),
    currency: text("currency").notNull().default("USD"),
    ownerUserId: text("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    tags: text("tags")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("campaigns_workspace_created_idx").on(t.workspaceId, t.createdAt.desc(), t.id),
    index("campaigns_workspace_status_idx").on(t.workspaceId, t.status),
  ],
);

export type AuditEntry = typeof auditLog.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type Campaign = typeof campaigns.$inferSelect;
export type NewCampaign = typeof campaigns.$inferInsert;
