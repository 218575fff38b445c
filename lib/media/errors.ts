// The media engine's errors, each with a stable code that lib/http/errors.ts maps to a status (404, 409, 413, 415, 422).
// Messages are shown to users: they say what to do, and never name another workspace's data or a server path.
import { AppError, ConflictError, NotFoundError, ValidationError } from "@/lib/errors";

/** 413: over the size limit for its type. */
export class MediaTooLargeError extends AppError {
  constructor(message: string) {
    super("FILE_TOO_LARGE", 413, message);
  }
}

/** 415: not a type the library accepts (decided from the bytes). */
export class UnsupportedMediaError extends AppError {
  constructor(message: string, code = "UNSUPPORTED_TYPE") {
    super(code, 415, message);
  }
}

/** 422: the file is of an accepted type but cannot be taken (empty, truncated, a pixel bomb, an SVG with script…). */
export class BadMediaFileError extends ValidationError {
  readonly reason: string;
  constructor(reason: string, message: string) {
    super({ file: [message] }, message);
    this.reason = reason;
  }
}

export const assetNotFound = () => new NotFoundError("Asset", "ASSET_NOT_FOUND");
export const libraryNotFound = () => new NotFoundError("Library", "LIBRARY_NOT_FOUND");
export const uploadNotFound = () => new NotFoundError("Upload", "UPLOAD_NOT_FOUND");
export const variantNotFound = () => new NotFoundError("Variant", "VARIANT_NOT_FOUND");

export function mediaConflict(code: string, message: string): ConflictError {
  return new ConflictError(message, code);
}
