// Errors of the CSV importer, with stable codes mapped once by lib/http/errors.ts (413, 415, 409, 422, 404).
// Messages are shown to users: they name rows and columns, never another workspace's data or a server path.
import { AppError, ConflictError, NotFoundError, ValidationError } from "@/lib/errors";

/** 413: the file or its row count is over the limit. */
export class ImportTooLargeError extends AppError {
  constructor(message: string, code = "FILE_TOO_LARGE") {
    super(code, 413, message);
  }
}

/** 415: the upload is not a CSV (a spreadsheet, a PDF, an image, binary data). */
export class NotCsvError extends AppError {
  constructor(message: string) {
    super("NOT_CSV", 415, message);
  }
}

/** 422: the file is CSV but cannot be imported as a whole (empty, no header, duplicate columns, unclosed quote). */
export function fileProblem(message: string): ValidationError {
  return new ValidationError({ file: [message] }, message);
}

export function importNotFound(): NotFoundError {
  return new NotFoundError("Import");
}

export function importStateConflict(message: string, code = "IMPORT_STATE_CONFLICT"): ConflictError {
  return new ConflictError(message, code);
}

/** Thrown inside the job when the file cannot be read past some row: the import fails and nothing is committed. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportFileError";
  }
}

/** Thrown inside the job when it notices the import was cancelled: everything rolls back. */
export class ImportCancelled extends Error {
  constructor() {
    super("The import was cancelled.");
    this.name = "ImportCancelled";
  }
}
