// The AI gateway's tables: providers (keys encrypted at rest), per-task chains, the editable price table, budgets with
// their monthly spend counters, the exact-match response cache and the request log with one row per attempt.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { workspaces } from "./auth";
import { campaigns } from "./core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const money = (name: string) => bigint(name, { mode: "number" });

export const aiProviders = pgTable(
  "ai_providers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** openai (any OpenAI-compatible host), anthropic, gemini, offline */
    kind: text("kind").notNull(),
    baseUrl: text("base_url").notNull().default(""),
    model: text("model").notNull(),
    /** AES-256-GCM ciphertext (version:iv:tag:data, base64url); never sent to the browser. */
    apiKeyEnc: text("api_key_enc"),
    /** Last four characters, so people can tell keys apart. */
    apiKeyHint: text("api_key_hint"),
    keyStatus: text("key_status").notNull().default("unknown"),
    keyStatusReason: text("key_status_reason"),
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("ai_providers_workspace_idx").on(t.workspaceId, t.createdAt)],
);

export interface ChainLevel {
  /** Peers at one level share load by weight; the next level is tried when all of them fail. */
  providers: { providerId: string; weight: number }[];
}

export const aiChains = pgTable(
  "ai_chains",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    task: text("task").notNull(),
    levels: jsonb("levels").$type<ChainLevel[]>().notNull().default([]),
    attemptTimeoutMs: integer("attempt_timeout_ms").notNull().default(20_000),
    deadlineMs: integer("deadline_ms").notNull().default(45_000),
    maxRetries: integer("max_retries").notNull().default(2),
    /** Exact-match cache TTL; null turns the cache off for this task. */
    cacheTtlSeconds: integer("cache_ttl_seconds"),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.task] })],
);

export const aiPrices = pgTable(
  "ai_prices",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    model: text("model").notNull(),
    /** Micro-dollars (1e-6 USD) per million tokens. */
    inputPerMTokMicros: money("input_per_mtok_micros").notNull(),
    outputPerMTokMicros: money("output_per_mtok_micros").notNull(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.kind, t.model] })],
);

export const aiBudgets = pgTable(
  "ai_budgets",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** "workspace", or a campaign id for a campaign's own budget. */
    scope: text("scope").notNull(),
    monthlyLimitMicros: money("monthly_limit_micros").notNull(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.scope] })],
);

export const aiSpend = pgTable(
  "ai_spend",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    scope: text("scope").notNull(),
    /** YYYY-MM (UTC). */
    month: text("month").notNull(),
    spentMicros: money("spent_micros").notNull().default(0),
    /** Held by calls in flight; released or converted to spend when they finish. */
    reservedMicros: money("reserved_micros").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.scope, t.month] })],
);

export const aiCache = pgTable(
  "ai_cache",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    task: text("task").notNull(),
    response: jsonb("response").notNull(),
    expiresAt: ts("expires_at").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] }), index("ai_cache_expiry_idx").on(t.workspaceId, t.expiresAt)],
);

export interface AttemptRecord {
  providerId: string | null;
  providerName: string;
  kind: string;
  model: string;
  ok: boolean;
  latencyMs: number;
  error?: { kind: string; status?: number; message: string };
  /** Why this provider was not called at all (breaker open, key unhealthy). */
  skipped?: string;
}

export const aiRequests = pgTable(
  "ai_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    task: text("task").notNull(),
    campaignId: uuid("campaign_id").references(() => campaigns.id, { onDelete: "set null" }),
    /** ok | error | budget_exceeded | cancelled */
    status: text("status").notNull(),
    providerId: uuid("provider_id"),
    providerKind: text("provider_kind"),
    model: text("model"),
    stream: boolean("stream").notNull().default(false),
    cacheHit: boolean("cache_hit").notNull().default(false),
    latencyMs: integer("latency_ms").notNull().default(0),
    tokensIn: integer("tokens_in").notNull().default(0),
    tokensOut: integer("tokens_out").notNull().default(0),
    costMicros: money("cost_micros").notNull().default(0),
    attempts: jsonb("attempts").$type<AttemptRecord[]>().notNull().default([]),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    /** Who asked: a user email or an API key prefix. */
    actorLabel: text("actor_label").notNull().default(""),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("ai_requests_workspace_time_idx").on(t.workspaceId, t.createdAt.desc(), t.id),
    index("ai_requests_workspace_campaign_idx").on(t.workspaceId, t.campaignId, t.createdAt),
  ],
);

export const aiAttempts = pgTable(
  "ai_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    requestId: uuid("request_id").notNull(),
    providerId: uuid("provider_id"),
    providerKind: text("provider_kind").notNull(),
    model: text("model").notNull(),
    ok: boolean("ok").notNull(),
    latencyMs: integer("latency_ms").notNull(),
    errorKind: text("error_kind"),
    httpStatus: integer("http_status"),
    startedAt: ts("started_at").notNull().default(sql`now()`),
  },
  (t) => [index("ai_attempts_workspace_provider_idx").on(t.workspaceId, t.providerId, t.startedAt)],
);

export type AiProvider = typeof aiProviders.$inferSelect;
export type AiChain = typeof aiChains.$inferSelect;
export type AiRequest = typeof aiRequests.$inferSelect;
export type AiPrice = typeof aiPrices.$inferSelect;
