// Typed application errors with stable codes. Engines throw these; lib/http/errors.ts maps them to HTTP and action results once.
// Never put secrets or another workspace's data in a message: messages are shown to users.

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: Record<string, unknown>;
  constructor(code: string, status: number, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.details = details;
  }

  /** Details safe to show the caller (a REST body's `error.details`); none unless a subclass says otherwise. */
  publicDetails(): Record<string, unknown> | undefined {
    return undefined;
  }
}

/** 422: the input does not fit its schema; `fieldErrors` says which field and why. */
export class ValidationError extends AppError {
  readonly fieldErrors: FieldErrors;
  constructor(fieldErrors: FieldErrors, message = "Some fields are not valid.") {
    super("VALIDATION_FAILED", 422, message, { fieldErrors });
    this.fieldErrors = fieldErrors;
  }
}

/** 400: the request itself could not be read (e.g. malformed JSON). */
export class BadRequestError extends AppError {
  constructor(message: string, code = "BAD_REQUEST") {
    super(code, 400, message);
  }
}

/** 401: no valid session or API key. */
export class UnauthenticatedError extends AppError {
  constructor(message = "Sign in to continue.", code = "UNAUTHENTICATED") {
    super(code, 401, message);
  }
}

/** 403: signed in, but the role lacks the permission. */
export class ForbiddenError extends AppError {
  constructor(permission: string) {
    super("FORBIDDEN", 403, `Your role does not allow this (${permission}).`, { permission });
  }
}

/** 404: absent, or belongs to another workspace (never say which). */
export class NotFoundError extends AppError {
  constructor(entity: string, code = `${entity.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_NOT_FOUND`) {
    super(code, 404, `${entity} not found.`);
  }
}

/** 409: the write conflicts with current state (duplicate, wrong lifecycle step, stale version). */
export class ConflictError extends AppError {
  constructor(message: string, code = "CONFLICT") {
    super(code, 409, message);
  }
}

/** 429: too many attempts; `retryAfterSeconds` tells the client when to come back. */
export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, message = "Too many attempts. Try again later.") {
    super("RATE_LIMITED", 429, message, { retryAfterSeconds });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
