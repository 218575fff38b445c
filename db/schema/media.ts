// The media library's tables: libraries, assets (immutable original, metadata, perceptual hash), approval history, variants,
// usage, daily per-channel metrics and resumable uploads. workspace_id leads every index; never store GPS or any location.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
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

import {
  MEDIA_KINDS,
  MEDIA_STATUSES,
  type MediaUploadStatus,
  type MediaUsageEntity,
  type MediaVariantPreset,
} from "../../lib/media/constants";

export {
  MEDIA_KINDS,
  MEDIA_STATUSES,
  MEDIA_UPLOAD_STATUSES,
  MEDIA_USAGE_ENTITIES,
  MEDIA_VARIANT_PRESETS,
  type MediaKind,
  type MediaStatus,
  type MediaUploadStatus,
  type MediaUsageEntity,
  type MediaVariantPreset,
} from "../../lib/media/constants";

export const mediaKind = pgEnum("media_kind", MEDIA_KINDS);
export const mediaStatus = pgEnum("media_status", MEDIA_STATUSES);

/** What was read from a file's EXIF that is safe to keep. Location is never among it: only the fact that it was removed. */
export interface MediaExifSummary {
  make?: string;
  model?: string;
  software?: string;
  /** DateTimeOriginal as written by the camera (no time zone), e.g. "2026:05:01 10:22:31". */
  takenAt?: string;
  orientation?: number;
  /** The file carried GPS coordinates; they were not kept and are never delivered. */
  locationRemoved?: boolean;
}

export const mediaLibraries = pgTable(
  "media_libraries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: wsId(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    createdByUserId: text("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("media_libraries_workspace_created_idx").on(t.workspaceId, t.createdAt.desc(), t.id),
    uniqueIndex("media_libraries_workspace_name_uq").on(t.workspaceId, sql`lower(${t.name})`),
  ],
);

export const mediaAssets = pgTable(
  "media_assets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: wsId(),
    libraryId: uuid("library_id")
      .notNull()
      .references(() => mediaLibraries.id),
    name: text("name").notNull(),
    /** The file name as uploaded (sanitised), for downloads. */
    originalFileName: text("original_file_name").notNull(),
    kind: mediaKind("kind").notNull(),
    /** Decided from the file's bytes, never from its name. */
    mime: text("mime").notNull(),
    bytes: bigint("bytes", { mode: "number" }).notNull(),
    width: integer("width"),
    height: integer("height"),
    /** width / height, after EXIF orientation. */
    aspectRatio: doublePrecision("aspect_ratio"),
    durationMs: integer("duration_ms"),
    pageCount: integer("page_count"),
    /** jpeg, png, webp, avif, gif, svg, mp4, mov, webm, pdf. */
    format: text("format").notNull(),
    /** Dominant colours, most common first, as #rrggbb. */
    palette: jsonb("palette").$type<string[]>().notNull().default([]),
    blurhash: text("blurhash"),
    altText: text("alt_text"),
    /** The alt text came from the AI gateway and no person has edited it yet. */
    altTextSuggested: boolean("alt_text_suggested").notNull().default(false),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    category: text("category"),
    status: mediaStatus("status").notNull().default("DRAFT"),
    /** The status held before a soft delete, so a restore puts it back. */
    statusBeforeDelete: mediaStatus("status_before_delete"),
    deletedAt: ts("deleted_at"),
    /** After this instant the asset is archived by a job and cannot be attached to anything new. */
    expiresAt: ts("expires_at"),
    /** Focal point for crops, 0–1 from the left and from the top. */
    focalX: real("focal_x").notNull().default(0.5),
    focalY: real("focal_y").notNull().default(0.5),
    /** SHA-256 of the uploaded file (hex); one asset per file per workspace. */
    sha256: text("sha256").notNull(),
    /** 64-bit difference hash of a 9×8 greyscale rendering (signed, as Postgres stores int8); null when there is no picture. */
    dhash: bigint("dhash", { mode: "bigint" }),
    /** Storage key of the immutable original (content-addressed). Its bytes are never delivered as they are. */
    originalKey: text("original_key").notNull(),
    exif: jsonb("exif").$type<MediaExifSummary>().notNull().default({}),
    /** Denormalised count of media_usages rows, kept in the same transaction as attach/detach (sort "most used"). */
    usageCount: integer("usage_count").notNull().default(0),
    /** All-time totals over every channel, denormalised from media_metrics_daily in the same transaction as each ingest (sort "best CTR"). */
    impressions: bigint("impressions", { mode: "number" }).notNull().default(0),
    clicks: bigint("clicks", { mode: "number" }).notNull().default(0),
    /** clicks / impressions, 0 when there are no impressions. */
    ctr: doublePrecision("ctr").notNull().default(0),
    uploadedByUserId: text("uploaded_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("media_assets_workspace_created_idx").on(t.workspaceId, t.createdAt.desc(), t.id),
    index("media_assets_workspace_library_idx").on(t.workspaceId, t.libraryId, t.createdAt.desc()),
    index("media_assets_workspace_status_idx").on(t.workspaceId, t.status, t.createdAt.desc()),
    index("media_assets_workspace_bytes_idx").on(t.workspaceId, t.bytes.desc(), t.id),
    index("media_assets_workspace_usage_idx").on(t.workspaceId, t.usageCount.desc(), t.id),
    index("media_assets_workspace_ctr_idx").on(t.workspaceId, t.ctr.desc(), t.id),
    uniqueIndex("media_assets_workspace_sha256_uq").on(t.workspaceId, t.sha256),
    // Near-duplicate lookup: the hash's four 16-bit bands, each indexed (multi-index hashing; see lib/media/phash.ts).
    // Not partial on purpose: Postgres keeps planner statistics only for non-partial expression indexes, and without them
    // it misjudges the band lookups and scans the table. dhash and id ride along so candidates are checked in the index
    // alone (index-only scans). (workspace, dhash) serves thresholds too wide for the bands.
    index("media_assets_workspace_dhash_idx").on(t.workspaceId, t.dhash).where(sql`${t.dhash} is not null`),
    index("media_assets_dhash_band0_idx").on(t.workspaceId, sql`((${t.dhash} >> 48) & 65535)`, t.dhash, t.id),
    index("media_assets_dhash_band1_idx").on(t.workspaceId, sql`((${t.dhash} >> 32) & 65535)`, t.dhash, t.id),
    index("media_assets_dhash_band2_idx").on(t.workspaceId, sql`((${t.dhash} >> 16) & 65535)`, t.dhash, t.id),
    index("media_assets_dhash_band3_idx").on(t.workspaceId, sql`(${t.dhash} & 65535)`, t.dhash, t.id),
    index("media_assets_tags_gin").using("gin", t.tags),
    // The expiry and purge jobs sweep all workspaces by time.
    index("media_assets_expires_idx").on(t.expiresAt).where(sql`${t.expiresAt} is not null`),
    index("media_assets_deleted_idx").on(t.deletedAt).where(sql`${t.deletedAt} is not null`),
  ],
);

/** Every status change of an asset, with who made it and why: the approval timeline. */
export const mediaApprovals = pgTable(
  "media_approvals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: wsId(),
    assetId: uuid("asset_id")
      .notNull()
      .references(() => mediaAssets.id, { onDelete: "cascade" }),
    /** submit, approve, reject, publish, archive, reopen, delete, restore, expire, upload. */
    action: text("action").notNull(),
    fromStatus: mediaStatus("from_status"),
    toStatus: mediaStatus("to_status").notNull(),
    actorUserId: text("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    actorLabel: text("actor_label").notNull(),
    note: text("note"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("media_approvals_workspace_asset_idx").on(t.workspaceId, t.assetId, t.createdAt.desc())],
);

export const mediaVariants = pgTable(
  "media_variants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: wsId(),
    assetId: uuid("asset_id")
      .notNull()
      .references(() => mediaAssets.id, { onDelete: "cascade" }),
    preset: text("preset").$type<MediaVariantPreset>().notNull(),
    storageKey: text("storage_key").notNull(),
    width: integer("width"),
    height: integer("height"),
    bytes: bigint("bytes", { mode: "number" }).notNull(),
    /** jpeg, png, webp, avif, mp4, … */
    format: text("format").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("media_variants_workspace_asset_preset_uq").on(t.workspaceId, t.assetId, t.preset)],
);

/** Where an asset is used. Publishing, ads and email add rows through the media engine's attachAsset(), never directly. */
export const mediaUsages = pgTable(
  "media_usages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: wsId(),
    // No cascade: an asset in use must not disappear under the post or ad that shows it.
    assetId: uuid("asset_id")
      .notNull()
      .references(() => mediaAssets.id),
    entityType: text("entity_type").$type<MediaUsageEntity>().notNull(),
    entityId: text("entity_id").notNull(),
    campaignId: uuid("campaign_id").references(() => campaigns.id, { onDelete: "set null" }),
    attachedByUserId: text("attached_by_user_id").references(() => users.id, { onDelete: "set null" }),
    attachedByLabel: text("attached_by_label").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("media_usages_workspace_asset_entity_uq").on(t.workspaceId, t.assetId, t.entityType, t.entityId),
    index("media_usages_workspace_entity_idx").on(t.workspaceId, t.entityType, t.entityId),
    index("media_usages_workspace_campaign_idx").on(t.workspaceId, t.campaignId),
  ],
);

/** Daily performance per asset and channel, fed by publishing and ads (or the metrics API and CSV import until then). */
export const mediaMetricsDaily = pgTable(
  "media_metrics_daily",
  {
    workspaceId: wsId(),
    assetId: uuid("asset_id")
      .notNull()
      .references(() => mediaAssets.id, { onDelete: "cascade" }),
    /** instagram, facebook, linkedin, x, tiktok, youtube, google_ads, meta_ads, email, … */
    channel: text("channel").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    impressions: bigint("impressions", { mode: "number" }).notNull().default(0),
    clicks: bigint("clicks", { mode: "number" }).notNull().default(0),
    engagements: bigint("engagements", { mode: "number" }).notNull().default(0),
    conversions: bigint("conversions", { mode: "number" }).notNull().default(0),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.assetId, t.channel, t.day] }),
    index("media_metrics_daily_workspace_channel_day_idx").on(t.workspaceId, t.channel, t.day),
  ],
);

/** A resumable upload: chunks are appended in order to a temporary file until `receivedBytes` reaches `expectedBytes`. */
export const mediaUploads = pgTable(
  "media_uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: wsId(),
    libraryId: uuid("library_id")
      .notNull()
      .references(() => mediaLibraries.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    expectedBytes: bigint("expected_bytes", { mode: "number" }).notNull(),
    receivedBytes: bigint("received_bytes", { mode: "number" }).notNull().default(0),
    /** Relative path of the partial file inside the media temp folder. */
    tempKey: text("temp_key").notNull(),
    status: text("status").$type<MediaUploadStatus>().notNull().default("open"),
    /** The asset it became (or the existing one it duplicated). */
    assetId: uuid("asset_id").references(() => mediaAssets.id, { onDelete: "set null" }),
    duplicate: boolean("duplicate").notNull().default(false),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    createdByUserId: text("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    /** An unfinished upload is abandoned (and its partial file removed) after this. */
    expiresAt: ts("expires_at").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("media_uploads_workspace_created_idx").on(t.workspaceId, t.createdAt.desc()),
    index("media_uploads_expires_idx").on(t.expiresAt).where(sql`${t.status} in ('open', 'finishing', 'failed')`),
  ],
);

export type MediaLibrary = typeof mediaLibraries.$inferSelect;
export type MediaAsset = typeof mediaAssets.$inferSelect;
export type NewMediaAsset = typeof mediaAssets.$inferInsert;
export type MediaApproval = typeof mediaApprovals.$inferSelect;
export type MediaVariant = typeof mediaVariants.$inferSelect;
export type MediaUsage = typeof mediaUsages.$inferSelect;
export type MediaMetricDaily = typeof mediaMetricsDaily.$inferSelect;
export type MediaUpload = typeof mediaUploads.$inferSelect;
