// REST route contracts of the media library: libraries, assets (list, upload, detail, edit, delete, purge), lifecycle
// transitions, downloads, near duplicates, usage and resumable uploads. Never describe a route whose handler does not exist.
import { z } from "zod";
import {
  approvalListSchema,
  assetJsonSchema,
  assetMetricsBodySchema,
  assetPerformanceJsonSchema,
  assetPerformanceQuerySchema,
  bestVariantJsonSchema,
  bestVariantQuerySchema,
  compareAssetsJsonSchema,
  compareAssetsSchema,
  ingestMetricsResultSchema,
  libraryStatsJsonSchema,
  libraryStatsSchema,
  METRICS_JSON_MAX_ROWS,
  METRICS_MAX_ROWS,
  suggestionListSchema,
  topPerformersJsonSchema,
  topPerformersSchema,
  assetPageSchema,
  attachAssetSchema,
  bulkTransitionResultSchema,
  bulkTransitionSchema,
  createLibrarySchema,
  createUploadSchema,
  detachAssetQuerySchema,
  downloadQuerySchema,
  idParamSchema,
  librarySchema,
  libraryListSchema,
  listAssetsSchema,
  mostUsedQuerySchema,
  mostUsedSchema,
  nearDuplicateListSchema,
  nearDuplicatesQuerySchema,
  transitionAssetSchema,
  updateAssetSchema,
  updateLibrarySchema,
  uploadQuerySchema,
  uploadResultSchema,
  uploadSessionSchema,
  usageJsonSchema,
  usageListSchema,
} from "@/lib/media/schemas";
import { MEDIA_VARIANT_PRESETS, type MediaVariantPreset } from "@/lib/media/constants";
import { defineRoute, type RouteSpec } from "../spec";

const TAG = "Media";

/** Presets hold ":" and "."; URLs may also use the slug form (1x1, 4x5, 9x16, 16x9, 191x100, 2x3). */
const SLUGS: Record<string, MediaVariantPreset> = { "1x1": "1:1", "4x5": "4:5", "9x16": "9:16", "16x9": "16:9", "191x100": "1.91:1", "2x3": "2:3" };
export const variantParamsSchema = z.object({
  id: z.string().uuid(),
  preset: z.preprocess((v) => (typeof v === "string" ? (SLUGS[v] ?? decodeURIComponent(v)) : v), z.enum(MEDIA_VARIANT_PRESETS)),
});

export const listLibrariesRoute = defineRoute({
  id: "media.libraries.list",
  method: "GET",
  path: "/api/v1/media/libraries",
  summary: "List media libraries with asset counts and total bytes",
  tag: TAG,
  permission: "media.read",
  response: libraryListSchema,
});

export const createLibraryRoute = defineRoute({
  id: "media.libraries.create",
  method: "POST",
  path: "/api/v1/media/libraries",
  summary: "Create a media library (for a brand or a project)",
  description: "409 LIBRARY_NAME_TAKEN when a library of that name (case-insensitive) exists.",
  tag: TAG,
  permission: "media.write",
  body: createLibrarySchema,
  response: librarySchema,
  successStatus: 201,
});

export const getLibraryRoute = defineRoute({
  id: "media.libraries.get",
  method: "GET",
  path: "/api/v1/media/libraries/{id}",
  summary: "Get a media library",
  tag: TAG,
  permission: "media.read",
  params: idParamSchema,
  response: librarySchema,
});

export const updateLibraryRoute = defineRoute({
  id: "media.libraries.update",
  method: "PATCH",
  path: "/api/v1/media/libraries/{id}",
  summary: "Rename or describe a media library",
  tag: TAG,
  permission: "media.write",
  params: idParamSchema,
  body: updateLibrarySchema,
  response: librarySchema,
});

export const deleteLibraryRoute = defineRoute({
  id: "media.libraries.delete",
  method: "DELETE",
  path: "/api/v1/media/libraries/{id}",
  summary: "Delete an empty media library",
  description: "409 LIBRARY_NOT_EMPTY while it holds assets (those in the bin included).",
  tag: TAG,
  permission: "media.delete",
  params: idParamSchema,
  response: z.object({ id: z.string() }),
});

export const listAssetsRoute = defineRoute({
  id: "media.assets.list",
  method: "GET",
  path: "/api/v1/media/assets",
  summary: "List assets (keyset-paginated) with filters, search and sorts",
  description:
    "Filters: kind, status (comma-separated; DELETED only when asked for), tags (comma-separated, all must match), category, libraryId, " +
    "orientation (landscape|portrait|square), aspect (1:1, 4:5, 9:16, 16:9, 1.91:1, 2:3, within 2 %), uploadedBy, createdFrom/createdTo. " +
    "`q` searches name, tags and alt text. Sorts: newest, oldest, most_used, largest, best_ctr (all-time CTR). Pass `nextCursor` back as `cursor` for the next page.",
  tag: TAG,
  permission: "media.read",
  query: listAssetsSchema,
  response: assetPageSchema,
});

export const uploadAssetRoute = defineRoute({
  id: "media.assets.upload",
  method: "POST",
  path: "/api/v1/media/assets",
  summary: "Upload a file (multipart, streamed) into a library",
  description:
    "Request content type: `multipart/form-data` with one file field named `file`; `libraryId` (and optionally `name`) in the query. " +
    "The type is decided from the file's bytes (JPEG, PNG, WebP, AVIF, GIF, SVG, MP4, MOV, WebM, PDF); a name whose extension disagrees " +
    "is refused (415 WRONG_EXTENSION), as is any other type (415 UNSUPPORTED_TYPE). Limits: images 50 MB, SVG 5 MB, PDF 100 MB, video " +
    "2 GB (413 FILE_TOO_LARGE). 422 for an empty or truncated file, an image over 100 megapixels and an SVG with script or external " +
    "references. 201 `{created: true, asset, nearDuplicates}` for a new asset; 200 `{created: false, duplicateOf}` when the workspace " +
    "already holds the same file (same SHA-256): nothing is stored twice. For files over ~100 MB use the resumable upload endpoints.",
  tag: TAG,
  permission: "media.write",
  query: uploadQuerySchema,
  response: uploadResultSchema,
  successStatus: 201,
});

export const getAssetRoute = defineRoute({
  id: "media.assets.get",
  method: "GET",
  path: "/api/v1/media/assets/{id}",
  summary: "Get an asset with its metadata",
  tag: TAG,
  permission: "media.read",
  params: idParamSchema,
  response: assetJsonSchema,
});

export const updateAssetRoute = defineRoute({
  id: "media.assets.update",
  method: "PATCH",
  path: "/api/v1/media/assets/{id}",
  summary: "Edit an asset's name, tags, category, alt text, focal point, expiry or library",
  description: "A new focal point re-crops the platform variants in the background.",
  tag: TAG,
  permission: "media.write",
  params: idParamSchema,
  body: updateAssetSchema,
  response: assetJsonSchema,
});

export const deleteAssetRoute = defineRoute({
  id: "media.assets.delete",
  method: "DELETE",
  path: "/api/v1/media/assets/{id}",
  summary: "Move an asset to the bin (restorable for 30 days, then purged)",
  description: "409 ASSET_IN_USE while it is attached anywhere: archive it instead.",
  tag: TAG,
  permission: "media.delete",
  params: idParamSchema,
  response: assetJsonSchema,
});

export const purgeAssetRoute = defineRoute({
  id: "media.assets.purge",
  method: "POST",
  path: "/api/v1/media/assets/{id}/purge",
  summary: "Delete an asset permanently, with its stored files",
  description: "409 ASSET_IN_USE while it is attached anywhere: archive it instead.",
  tag: TAG,
  permission: "media.delete",
  params: idParamSchema,
  response: z.object({ id: z.string() }),
});

export const listTransitionsRoute = defineRoute({
  id: "media.assets.history",
  method: "GET",
  path: "/api/v1/media/assets/{id}/transitions",
  summary: "An asset's approval history (every status change, with actor and note), oldest first",
  tag: TAG,
  permission: "media.read",
  params: idParamSchema,
  response: approvalListSchema,
});

export const transitionAssetRoute = defineRoute({
  id: "media.assets.transition",
  method: "POST",
  path: "/api/v1/media/assets/{id}/transitions",
  summary: "Move an asset through its lifecycle: submit, approve, reject, publish, archive, reopen, delete, restore",
  description:
    "DRAFT → IN_REVIEW → APPROVED → PUBLISHED → ARCHIVED, plus DELETED (restorable for 30 days). Only roles with media.approve approve " +
    "or reject (403 otherwise); a rejection needs a `note` (422). 409 INVALID_TRANSITION from the wrong status, ASSET_EXPIRED for an " +
    "expired asset, ASSET_IN_USE when deleting an attached asset.",
  tag: TAG,
  permission: "media.read",
  params: idParamSchema,
  body: transitionAssetSchema,
  response: assetJsonSchema,
});

export const bulkTransitionRoute = defineRoute({
  id: "media.assets.bulk_transition",
  method: "POST",
  path: "/api/v1/media/transitions",
  summary: "Approve, reject, submit or archive many assets at once",
  description: "Assets that cannot move (wrong status, not found) are listed in `skipped` with the reason; the rest move together.",
  tag: TAG,
  permission: "media.read",
  body: bulkTransitionSchema,
  response: bulkTransitionResultSchema,
});

export const downloadOriginalRoute = defineRoute({
  id: "media.assets.original",
  method: "GET",
  path: "/api/v1/media/assets/{id}/original",
  summary: "Download the asset, with EXIF, XMP and GPS metadata stripped",
  description:
    "Response content type: the asset's own (image/jpeg, image/png, …, video/mp4, application/pdf), streamed. Images are re-encoded " +
    "upright without metadata; videos are served from a metadata-free copy (409 DELIVERY_UNAVAILABLE when none could be made); SVG is " +
    "the sanitised file with a Content-Security-Policy. `download=1` asks for an attachment.",
  tag: TAG,
  permission: "media.read",
  params: idParamSchema,
  query: downloadQuerySchema,
  response: z.string().describe("binary"),
});

export const downloadVariantRoute = defineRoute({
  id: "media.assets.variant",
  method: "GET",
  path: "/api/v1/media/assets/{id}/variants/{preset}",
  summary: "Download a generated variant: 1:1, 4:5, 9:16, 16:9, 1.91:1, 2:3, thumb, webp, avif, poster",
  description: "Ratio presets may be written as slugs (1x1, 4x5, 9x16, 16x9, 191x100, 2x3). 404 VARIANT_NOT_FOUND until the job made it.",
  tag: TAG,
  permission: "media.read",
  params: variantParamsSchema,
  query: downloadQuerySchema,
  response: z.string().describe("binary"),
});

export const nearDuplicatesRoute = defineRoute({
  id: "media.assets.duplicates",
  method: "GET",
  path: "/api/v1/media/assets/{id}/duplicates",
  summary: "Near duplicates of an asset (crops, re-encodes, resizes) by perceptual hash, closest first",
  description: "`maxDistance` is the largest Hamming distance between 64-bit dHashes that still counts (default 10); `similarity` is 1 − distance/64.",
  tag: TAG,
  permission: "media.read",
  params: idParamSchema,
  query: nearDuplicatesQuerySchema,
  response: nearDuplicateListSchema,
});

export const whereUsedRoute = defineRoute({
  id: "media.assets.usages",
  method: "GET",
  path: "/api/v1/media/assets/{id}/usages",
  summary: "Where an asset is used (posts, ads, emails, campaigns)",
  tag: TAG,
  permission: "media.read",
  params: idParamSchema,
  response: usageListSchema,
});

export const attachAssetRoute = defineRoute({
  id: "media.assets.attach",
  method: "POST",
  path: "/api/v1/media/assets/{id}/usages",
  summary: "Attach an asset to a post, ad, email or campaign",
  description: "Idempotent per entity. 409 ASSET_EXPIRED, ASSET_ARCHIVED or ASSET_DELETED for assets that cannot be used in anything new.",
  tag: TAG,
  permission: "media.write",
  params: idParamSchema,
  body: attachAssetSchema,
  response: usageJsonSchema,
  successStatus: 201,
});

export const detachAssetRoute = defineRoute({
  id: "media.assets.detach",
  method: "DELETE",
  path: "/api/v1/media/assets/{id}/usages",
  summary: "Detach an asset from an entity",
  tag: TAG,
  permission: "media.write",
  params: idParamSchema,
  query: detachAssetQuerySchema,
  response: z.object({ detached: z.boolean() }),
});

export const mostUsedRoute = defineRoute({
  id: "media.most_used",
  method: "GET",
  path: "/api/v1/media/most-used",
  summary: "The most used assets, by number of places they are attached",
  tag: TAG,
  permission: "media.read",
  query: mostUsedQuerySchema,
  response: mostUsedSchema,
});

export const createUploadRoute = defineRoute({
  id: "media.uploads.create",
  method: "POST",
  path: "/api/v1/media/uploads",
  summary: "Start a resumable upload for a large file",
  description: "Then PUT the bytes in order to /api/v1/media/uploads/{id} with `Content-Range: bytes <start>-<end>/<total>` (at most 64 MB a chunk), and POST …/finish.",
  tag: TAG,
  permission: "media.write",
  body: createUploadSchema,
  response: uploadSessionSchema,
  successStatus: 201,
});

export const getUploadRoute = defineRoute({
  id: "media.uploads.get",
  method: "GET",
  path: "/api/v1/media/uploads/{id}",
  summary: "A resumable upload's state: resume from `receivedBytes`",
  tag: TAG,
  permission: "media.write",
  params: idParamSchema,
  response: uploadSessionSchema,
});

export const putUploadChunkRoute = defineRoute({
  id: "media.uploads.chunk",
  method: "PUT",
  path: "/api/v1/media/uploads/{id}",
  summary: "Send the next chunk of a resumable upload",
  description:
    "Request body: the raw bytes (`application/octet-stream`) with `Content-Range: bytes <start>-<end>/<total>`. `start` must equal the " +
    "upload's `receivedBytes` (409 UPLOAD_OFFSET_MISMATCH says where to resume); a chunk that was already received is acknowledged again.",
  tag: TAG,
  permission: "media.write",
  params: idParamSchema,
  response: uploadSessionSchema,
});

export const cancelUploadRoute = defineRoute({
  id: "media.uploads.cancel",
  method: "DELETE",
  path: "/api/v1/media/uploads/{id}",
  summary: "Cancel a resumable upload and discard what arrived",
  tag: TAG,
  permission: "media.write",
  params: idParamSchema,
  response: uploadSessionSchema,
});

export const finishUploadRoute = defineRoute({
  id: "media.uploads.finish",
  method: "POST",
  path: "/api/v1/media/uploads/{id}/finish",
  summary: "Finish a complete resumable upload: same checks and answer as a direct upload",
  tag: TAG,
  permission: "media.write",
  params: idParamSchema,
  response: z.object({ upload: uploadSessionSchema, result: uploadResultSchema }),
});

export const mediaRoutes: RouteSpec[] = [
  listLibrariesRoute,
  createLibraryRoute,
  getLibraryRoute,
  updateLibraryRoute,
  deleteLibraryRoute,
  listAssetsRoute,
  uploadAssetRoute,
  getAssetRoute,
  updateAssetRoute,
  deleteAssetRoute,
  purgeAssetRoute,
  listTransitionsRoute,
  transitionAssetRoute,
  bulkTransitionRoute,
  downloadOriginalRoute,
  downloadVariantRoute,
  nearDuplicatesRoute,
  whereUsedRoute,
  attachAssetRoute,
  detachAssetRoute,
  mostUsedRoute,
  createUploadRoute,
  getUploadRoute,
  putUploadChunkRoute,
  cancelUploadRoute,
  finishUploadRoute,
] as unknown as RouteSpec[];

// ------------------------------------------------------------------ performance, suggestions, best variant, statistics
// Kept in their own list (gathered in lib/api/routes.ts) so the library's 26 core routes stay as documented.

export const ingestAssetMetricsRoute = defineRoute({
  id: "media.assets.metrics",
  method: "POST",
  path: "/api/v1/media/assets/{id}/metrics",
  summary: "Send daily performance of an asset per channel (batched, idempotent per channel and day)",
  description:
    `Body \`{rows: [{channel, day (YYYY-MM-DD), impressions, clicks?, engagements?, conversions?}]}\`, at most ${METRICS_JSON_MAX_ROWS} rows. ` +
    "All rows are stored or none: 422 names the row and field (clicks may not exceed impressions, conversions may not exceed clicks, " +
    "no day in the future, no repeated channel/day). A day sent again replaces that day's figures. The asset's all-time impressions, " +
    "clicks and CTR are updated in the same transaction.",
  tag: TAG,
  permission: "media.write",
  params: idParamSchema,
  body: assetMetricsBodySchema,
  response: ingestMetricsResultSchema,
});

export const importMetricsRoute = defineRoute({
  id: "media.metrics.import",
  method: "POST",
  path: "/api/v1/media/metrics/import",
  summary: "Import daily performance for many assets from CSV (all rows or none)",
  description:
    "Request body: `text/csv`, or `multipart/form-data` with the CSV in a field named `file`, or JSON `{csv: \"…\"}`. Columns: " +
    "asset_id, channel, day, impressions, clicks, engagements, conversions (the last three may be empty). At most " +
    `${METRICS_MAX_ROWS} rows and 5 MB. Any bad row stores nothing; the 422 message names the line and column. An asset that is not ` +
    "in this workspace is 404 ASSET_NOT_FOUND with the line.",
  tag: TAG,
  permission: "media.write",
  response: ingestMetricsResultSchema,
});

export const assetPerformanceRoute = defineRoute({
  id: "media.assets.performance",
  method: "GET",
  path: "/api/v1/media/assets/{id}/performance",
  summary: "An asset's performance per channel: totals, CTR, engagement and conversion rates, daily series, high-performer flag",
  description:
    "High performer: CTR above 1.5× the workspace's median CTR for that channel, among assets with at least 1,000 impressions there " +
    "(in the same window). `from`/`to` (YYYY-MM-DD, inclusive) narrow the window.",
  tag: TAG,
  permission: "media.read",
  params: idParamSchema,
  query: assetPerformanceQuerySchema,
  response: assetPerformanceJsonSchema,
});

export const assetSuggestionsRoute = defineRoute({
  id: "media.assets.suggestions",
  method: "GET",
  path: "/api/v1/media/assets/{id}/suggestions",
  summary: "Optimisation suggestions for an asset, highest priority first, each with an explanation and one action",
  description:
    "Rules: low_ctr, too_large (saving measured from the WebP/AVIF conversions actually made), wrong_aspect, missing_alt_text, " +
    "near_duplicates, expiring_soon (14 days), unused (no usage and no metrics for `unusedDays`, default 90).",
  tag: TAG,
  permission: "media.read",
  params: idParamSchema,
  query: z.object({ unusedDays: z.coerce.number().int().min(7).max(3650).default(90) }),
  response: suggestionListSchema,
});

export const bestVariantRoute = defineRoute({
  id: "media.assets.best_variant",
  method: "GET",
  path: "/api/v1/media/assets/{id}/best-variant",
  summary: "The best file of an asset for a network and placement: the original, a variant, or which preset needs generating",
  tag: TAG,
  permission: "media.read",
  params: idParamSchema,
  query: bestVariantQuerySchema,
  response: bestVariantJsonSchema,
});

export const compareAssetsRoute = defineRoute({
  id: "media.compare",
  method: "GET",
  path: "/api/v1/media/compare",
  summary: "Compare the performance of 2–4 assets side by side",
  description: "`ids` is a comma-separated list of 2–4 asset ids; `channel` limits the figures to one channel.",
  tag: TAG,
  permission: "media.read",
  query: compareAssetsSchema,
  response: compareAssetsJsonSchema,
});

export const libraryStatsRoute = defineRoute({
  id: "media.stats",
  method: "GET",
  path: "/api/v1/media/stats",
  summary: "Statistics of the workspace's media or one library: counts by kind and status, bytes, most used, best performing",
  tag: TAG,
  permission: "media.read",
  query: libraryStatsSchema,
  response: libraryStatsJsonSchema,
});

export const topPerformersRoute = defineRoute({
  id: "media.top",
  method: "GET",
  path: "/api/v1/media/top",
  summary: "Top-performing assets by CTR (at least 1,000 impressions), by channel, aspect ratio, kind and library",
  tag: TAG,
  permission: "media.read",
  query: topPerformersSchema,
  response: topPerformersJsonSchema,
});

export const mediaPerformanceRoutes: RouteSpec[] = [
  ingestAssetMetricsRoute,
  importMetricsRoute,
  assetPerformanceRoute,
  assetSuggestionsRoute,
  bestVariantRoute,
  compareAssetsRoute,
  libraryStatsRoute,
  topPerformersRoute,
] as unknown as RouteSpec[];
