"use client";
// Client-side form state for server actions: validates with the engine's zod schema, submits, and spreads errors.
// Never trust the client check alone: the action validates again and its fieldErrors are shown the same way.
import { useCallback, useState, useTransition } from "react";
import type { z } from "zod";
import type { FieldErrors } from "@/lib/errors";

export type ClientActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors?: FieldErrors };

export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

function focusFirstInvalid(form: HTMLFormElement | null) {
  // Runs after React commits the aria-invalid attributes.
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}

export function useActionForm<T>({
  schema,
  action,
  fields,
  onSuccess,
}: {
  schema: z.ZodType;
  action: (values: unknown) => Promise<ClientActionResult<T>>;
  /** Field names rendered by the form; errors for other keys are shown at form level. */
  fields: readonly string[];
  onSuccess?: (data: T) => void;
}) {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const apply = useCallback(
    (errors: FieldErrors, fallback: string | null, form: HTMLFormElement | null) => {
      const shown: FieldErrors = {};
      const other: string[] = [];
      for (const [key, messages] of Object.entries(errors)) {
        if (fields.includes(key)) shown[key] = messages;
        else other.push(...messages);
      }
      setFieldErrors(shown);
      setFormError(other.length ? other.join(" ") : Object.keys(shown).length ? null : fallback);
      focusFirstInvalid(form);
    },
    [fields],
  );

  const submit = useCallback(
    (values: unknown, form: HTMLFormElement | null, extraErrors: FieldErrors = {}) => {
      const parsed = schema.safeParse(values);
      const clientErrors = { ...(parsed.success ? {} : fieldErrorsFrom(parsed.error)), ...extraErrors };
      if (Object.keys(clientErrors).length) {
        apply(clientErrors, null, form);
        return;
      }
      setFieldErrors({});
      setFormError(null);
      startTransition(async () => {
        try {
          const res = await action(values);
          if (!res.ok) {
            apply(res.fieldErrors ?? {}, res.message, form);
            return;
          }
          onSuccess?.(res.data);
        } catch {
          setFormError("The server could not be reached. Check your connection and try again.");
        }
      });
    },
    [schema, action, apply, onSuccess],
  );

  const errorFor = (key: string) => fieldErrors[key]?.[0] ?? null;

  return { submit, pending, fieldErrors, formError, errorFor, setFormError };
}
