// Inputs and outputs of the media engine: one zod schema per input (forms, actions, REST and OpenAPI share them) and
// the JSON shapes the API answers with. Never accept a storage key, hash or status from a client outside these.
import { z } from "zod";
import { MEDIA_KINDS, MEDIA_STATUSES, MEDIA_USAGE_ENTITIES, MEDIA_VARIANT_PRESETS } from "./constants";
import { MEDIA_ACTIONS } from "./lifecycle";

const uuid = z.string().uuid();
const tag = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .transform((t) => t.toLowerCase());
const tagsSchema = z
  .array(tag)
  .max(50, "At most 50 tags.")
  .transform((tags) => [...new Set(tags)].sort());
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullable();

export const idParamSchema = z.object({ id: uuid });
export const variantParamSchema = z.object({ id: uuid, preset: z.enum(MEDIA_VARIANT_PRESETS) });

// ------------------------------------------------------------------ libraries

export const createLibrarySchema = z.object({
  name: z.string().trim().min(1, "Name the library.").max(100),
  description: z.string().trim().max(500).default(""),
});
export const updateLibrarySchema = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  description: z.string().trim().max(500).optional(),
});
export type CreateLibraryInput = z.input<typeof createLibrarySchema>;
export type UpdateLibraryInput = z.input<typeof updateLibrarySchema>;

export const librarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  assetCount: z.number().int(),
  totalBytes: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const libraryListSchema = z.object({ items: z.array(librarySchema) });

// ------------------------------------------------------------------ assets

export const ORIENTATIONS = ["landscape", "portrait", "square"] as const;
export const ASSET_SORTS = ["newest", "oldest", "most_used", "largest"] as const;

const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v), z.array(item));

export const listAssetsSchema = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  sort: z.enum(ASSET_SORTS).default("newest"),
  kind: z.enum(MEDIA_KINDS).optional(),
  /** One status, or several comma-separated; DELETED assets appear only when asked for. */
  status: csv(z.enum(MEDIA_STATUSES)).optional(),
  /** Comma-separated; an asset must carry every tag given. */
  tags: csv(tag).optional(),
  category: z.string().trim().max(60).optional(),
  libraryId: uuid.optional(),
  orientation: z.enum(ORIENTATIONS).optional(),
  uploadedBy: z.string().min(1).max(100).optional(),
  createdFrom: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  createdTo: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  /** Searches name, tags and alt text. */
  q: z.string().trim().max(200).optional(),
});
export type ListAssetsInput = z.input<typeof listAssetsSchema>;

const focal = z.number().min(0).max(1);
export const updateAssetSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  tags: tagsSchema.optional(),
  category: optionalText(60).optional(),
  altText: optionalText(1000).optional(),
  focalPoint: z.object({ x: focal, y: focal }).optional(),
  /** ISO date-time; null clears the expiry. */
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
  libraryId: uuid.optional(),
});
export type UpdateAssetInput = z.input<typeof updateAssetSchema>;

export const transitionAssetSchema = z.object({
  action: z.enum(MEDIA_ACTIONS),
  note: z.string().trim().max(2000).optional(),
});
export type TransitionAssetInput = z.input<typeof transitionAssetSchema>;

export const bulkTransitionSchema = z.object({
  ids: z.array(uuid).min(1).max(500),
  action: z.enum(["approve", "reject", "submit", "archive"]),
  note: z.string().trim().max(2000).optional(),
});
export type BulkTransitionInput = z.input<typeof bulkTransitionSchema>;

export const nearDuplicatesQuerySchema = z.object({
  maxDistance: z.coerce.number().int().min(0).max(32).default(10),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  includeArchived: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
});

export const attachAssetSchema = z.object({
  entityType: z.enum(MEDIA_USAGE_ENTITIES),
  entityId: z.string().trim().min(1).max(200),
  campaignId: uuid.nullable().optional(),
});
export type AttachAssetInput = z.input<typeof attachAssetSchema> & { assetId: string };

export const detachAssetQuerySchema = z.object({
  entityType: z.enum(MEDIA_USAGE_ENTITIES),
  entityId: z.string().trim().min(1).max(200),
});

export const mostUsedQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  libraryId: uuid.optional(),
});

export const uploadQuerySchema = z.object({ libraryId: uuid, name: z.string().trim().max(200).optional() });

export const createUploadSchema = z.object({
  libraryId: uuid,
  fileName: z.string().trim().min(1).max(255),
  /** The whole file's size in bytes. */
  bytes: z.number().int().min(1, "The file is empty (0 bytes)."),
  name: z.string().trim().max(200).optional(),
});
export type CreateUploadInput = z.input<typeof createUploadSchema>;

export const downloadQuerySchema = z.object({ download: z.enum(["0", "1"]).optional() });

// ------------------------------------------------------------------ JSON answers

export const assetJsonSchema = z.object({
  id: z.string(),
  libraryId: z.string(),
  name: z.string(),
  originalFileName: z.string(),
  kind: z.enum(MEDIA_KINDS),
  mime: z.string(),
  format: z.string(),
  bytes: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  aspectRatio: z.number().nullable(),
  orientation: z.enum(ORIENTATIONS).nullable(),
  durationMs: z.number().int().nullable(),
  pageCount: z.number().int().nullable(),
  palette: z.array(z.string()),
  blurhash: z.string().nullable(),
  altText: z.string().nullable(),
  altTextSuggested: z.boolean(),
  tags: z.array(z.string()),
  category: z.string().nullable(),
  status: z.enum(MEDIA_STATUSES),
  deletedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  focalPoint: z.object({ x: z.number(), y: z.number() }),
  sha256: z.string(),
  perceptualHash: z.string().nullable().describe("64-bit dHash as 16 hex digits"),
  exif: z.object({
    make: z.string().optional(),
    model: z.string().optional(),
    software: z.string().optional(),
    takenAt: z.string().optional(),
    orientation: z.number().optional(),
    locationRemoved: z.boolean().optional(),
  }),
  usageCount: z.number().int(),
  uploadedByUserId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AssetJson = z.infer<typeof assetJsonSchema>;

export const assetPageSchema = z.object({ items: z.array(assetJsonSchema), nextCursor: z.string().nullable() });

export const nearDuplicateJsonSchema = z.object({ asset: assetJsonSchema, distance: z.number().int(), similarity: z.number() });
export const nearDuplicateListSchema = z.object({ items: z.array(nearDuplicateJsonSchema), maxDistance: z.number().int() });

export const uploadResultSchema = z.union([
  z.object({ created: z.literal(true), asset: assetJsonSchema, nearDuplicates: z.array(nearDuplicateJsonSchema), notes: z.array(z.string()) }),
  z.object({ created: z.literal(false), duplicateOf: assetJsonSchema }),
]);

export const approvalJsonSchema = z.object({
  id: z.string(),
  action: z.string(),
  fromStatus: z.enum(MEDIA_STATUSES).nullable(),
  toStatus: z.enum(MEDIA_STATUSES),
  actor: z.string(),
  note: z.string().nullable(),
  at: z.string(),
});
export const approvalListSchema = z.object({ items: z.array(approvalJsonSchema) });

export const bulkTransitionResultSchema = z.object({
  action: z.string(),
  done: z.array(z.string()),
  skipped: z.array(z.object({ id: z.string(), code: z.string(), reason: z.string() })),
});

export const usageJsonSchema = z.object({
  id: z.string(),
  assetId: z.string(),
  entityType: z.enum(MEDIA_USAGE_ENTITIES),
  entityId: z.string(),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  attachedBy: z.string(),
  at: z.string(),
});
export const usageListSchema = z.object({ items: z.array(usageJsonSchema) });
export const mostUsedSchema = z.object({ items: z.array(z.object({ asset: assetJsonSchema, usageCount: z.number().int() })) });

export const uploadSessionSchema = z.object({
  id: z.string(),
  libraryId: z.string(),
  fileName: z.string(),
  expectedBytes: z.number().int(),
  receivedBytes: z.number().int(),
  status: z.string(),
  assetId: z.string().nullable(),
  duplicate: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  expiresAt: z.string(),
});
