// Shared zod helpers: issue lists to per-field messages. Used by HTTP mapping, actions and the job queue.
// Framework-free: safe to import from engines, workers and scripts.
import type { z } from "zod";
import type { FieldErrors } from "@/lib/errors";

export function fieldErrorsFromZodIssues(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
