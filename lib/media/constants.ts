// The media library's fixed vocabularies (kinds, statuses, variant presets, usage entities), shared by the Drizzle
// schema, the engine, forms and the API. Framework-free and dependency-free: never import a database module here.

export const MEDIA_KINDS = ["image", "video", "pdf", "svg"] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export const MEDIA_STATUSES = ["DRAFT", "IN_REVIEW", "APPROVED", "PUBLISHED", "ARCHIVED", "DELETED"] as const;
export type MediaStatus = (typeof MEDIA_STATUSES)[number];

/** Platform crops, the grid thumbnail, format conversions, a video's poster frame and its metadata-free delivery copy. */
export const MEDIA_VARIANT_PRESETS = ["1:1", "4:5", "9:16", "16:9", "1.91:1", "2:3", "thumb", "webp", "avif", "poster", "clean"] as const;
export type MediaVariantPreset = (typeof MEDIA_VARIANT_PRESETS)[number];

export const MEDIA_USAGE_ENTITIES = ["post", "ad", "email", "campaign"] as const;
export type MediaUsageEntity = (typeof MEDIA_USAGE_ENTITIES)[number];

export const MEDIA_UPLOAD_STATUSES = ["open", "finishing", "completed", "failed", "cancelled"] as const;
export type MediaUploadStatus = (typeof MEDIA_UPLOAD_STATUSES)[number];
