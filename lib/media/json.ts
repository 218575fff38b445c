// Rows to API JSON: dates as ISO strings, the perceptual hash as hex, the orientation derived. Never include storage
// keys, the raw EXIF or anything else that is only the server's business.
import type { MediaApproval, MediaAsset, MediaUpload } from "@/db/schema";
import { hashToHex } from "./phash";
import type { AssetJson } from "./schemas";
import type { NearDuplicate } from "./duplicates";
import type { IngestResult } from "./ingest";

export function orientationOf(width: number | null, height: number | null): AssetJson["orientation"] {
  if (!width || !height) return null;
  // Within 2% counts as square: 1080×1079 exports are square to anyone looking.
  if (Math.abs(width - height) / Math.max(width, height) <= 0.02) return "square";
  return width > height ? "landscape" : "portrait";
}

export function assetToJson(a: MediaAsset): AssetJson {
  return {
    id: a.id,
    libraryId: a.libraryId,
    name: a.name,
    originalFileName: a.originalFileName,
    kind: a.kind,
    mime: a.mime,
    format: a.format,
    bytes: a.bytes,
    width: a.width,
    height: a.height,
    aspectRatio: a.aspectRatio,
    orientation: orientationOf(a.width, a.height),
    durationMs: a.durationMs,
    pageCount: a.pageCount,
    palette: a.palette,
    blurhash: a.blurhash,
    altText: a.altText,
    altTextSuggested: a.altTextSuggested,
    tags: a.tags,
    category: a.category,
    status: a.status,
    deletedAt: a.deletedAt?.toISOString() ?? null,
    expiresAt: a.expiresAt?.toISOString() ?? null,
    focalPoint: { x: a.focalX, y: a.focalY },
    sha256: a.sha256,
    perceptualHash: a.dhash === null ? null : hashToHex(a.dhash),
    exif: a.exif,
    usageCount: a.usageCount,
    uploadedByUserId: a.uploadedByUserId,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export function nearDuplicateToJson(d: NearDuplicate) {
  return { asset: assetToJson(d.asset), distance: d.distance, similarity: d.similarity };
}

export function approvalToJson(a: MediaApproval) {
  return {
    id: a.id,
    action: a.action,
    fromStatus: a.fromStatus,
    toStatus: a.toStatus,
    actor: a.actorLabel,
    note: a.note,
    at: a.createdAt.toISOString(),
  };
}

export function uploadToJson(u: MediaUpload) {
  return {
    id: u.id,
    libraryId: u.libraryId,
    fileName: u.fileName,
    expectedBytes: u.expectedBytes,
    receivedBytes: u.receivedBytes,
    status: u.status,
    assetId: u.assetId,
    duplicate: u.duplicate,
    error: u.errorCode ? { code: u.errorCode, message: u.errorMessage ?? "" } : null,
    expiresAt: u.expiresAt.toISOString(),
  };
}

export function uploadResultToJson(r: IngestResult) {
  return r.created
    ? { created: true as const, asset: assetToJson(r.asset), nearDuplicates: r.nearDuplicates.map(nearDuplicateToJson), notes: r.notes }
    : { created: false as const, duplicateOf: assetToJson(r.duplicateOf) };
}
