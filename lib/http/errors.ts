// The one place errors become responses: AppError subclasses map to HTTP status + JSON, or to a server-action result.
// Unknown errors are logged with their stack and shown as a generic 500; their message never reaches the client.
import "server-only";
import { z } from "zod";
import { AppError, RateLimitedError, ValidationError, type FieldErrors } from "@/lib/errors";
import { logger } from "@/lib/log";
import { fieldErrorsFromZodIssues } from "@/lib/validation";

export interface ErrorBody {
  error: { code: string; message: string; fieldErrors?: FieldErrors; details?: Record<string, unknown> };
}

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors?: FieldErrors };

/** zod issues → { "field.path": ["message"] }; the root is "_". */
export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  return fieldErrorsFromZodIssues(error.issues);
}

export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof z.ZodError) return new ValidationError(fieldErrorsFromZod(e));
  logger().error({ err: e }, "unhandled error");
  return new AppError("INTERNAL", 500, "Something went wrong on our side. It has been logged.");
}

export function errorBody(err: AppError): ErrorBody {
  const body: ErrorBody = { error: { code: err.code, message: err.message } };
  if (err instanceof ValidationError) body.error.fieldErrors = err.fieldErrors;
  const details = err.publicDetails();
  if (details) body.error.details = details;
  return body;
}

export function errorResponse(e: unknown): Response {
  const err = toAppError(e);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (err instanceof RateLimitedError) headers["retry-after"] = String(err.retryAfterSeconds);
  return new Response(JSON.stringify(errorBody(err)), { status: err.status, headers });
}

export function actionError(e: unknown): ActionResult<never> {
  const err = toAppError(e);
  return {
    ok: false,
    code: err.code,
    message: err.message,
    ...(err instanceof ValidationError ? { fieldErrors: err.fieldErrors } : {}),
  };
}
