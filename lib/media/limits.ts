// Size and pixel limits per media type. The type is decided from the bytes first, then its own limit applies.
// Never raise a limit without thinking about memory: pixel limits bound what sharp may decode.
import type { MediaKind } from "@/db/schema";

const MB = 1024 * 1024;

export const MEDIA_SIZE_LIMITS: Record<MediaKind, number> = {
  image: 50 * MB,
  svg: 5 * MB,
  pdf: 100 * MB,
  video: 2048 * MB,
};

/** No upload of any type is larger; checked before the type is known. */
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(MEDIA_SIZE_LIMITS));

/** Decoding more pixels than this is refused as a decompression bomb (about 10,000 × 10,000). */
export const MAX_IMAGE_PIXELS = 100_000_000;

/** Chunks of a resumable upload are at most this large (the client picks the size up to it). */
export const MAX_CHUNK_BYTES = 64 * MB;

/** An unfinished resumable upload is abandoned after this long. */
export const UPLOAD_SESSION_HOURS = 24;

export interface MediaLimits {
  sizes: Record<MediaKind, number>;
  maxPixels: number;
}

export const DEFAULT_LIMITS: MediaLimits = { sizes: MEDIA_SIZE_LIMITS, maxPixels: MAX_IMAGE_PIXELS };

export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Math.round((bytes / MB) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
