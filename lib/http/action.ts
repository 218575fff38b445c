// The thin server-action wrapper: authenticate the session, validate with the input's zod schema, call the engine, map errors.
// Authorisation stays in the engine (authorize(ctx, …)); this wrapper never decides permissions itself.
import "server-only";
import type { z } from "zod";
import type { Ctx } from "@/lib/auth/context";
import { requireActionCtx } from "@/lib/auth/session";
import { ValidationError } from "@/lib/errors";
import { actionError, fieldErrorsFromZod, type ActionResult } from "./errors";

export type { ActionResult };

/**
 * Runs `fn(ctx, input)` for a signed-in member after validating `raw` against `schema`.
 * Use inside a "use server" function: `return runAction(createCampaignSchema, raw, (ctx, input) => createCampaign(ctx, input))`.
 */
export async function runAction<S extends z.ZodType, T>(
  schema: S,
  raw: unknown,
  fn: (ctx: Ctx, input: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    const ctx = await requireActionCtx();
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error));
    return { ok: true, data: await fn(ctx, parsed.data) };
  } catch (e) {
    return actionError(e);
  }
}

/** FormData → plain object (repeated keys become arrays), for actions posted from <form>. */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v !== "string") continue;
    const prev = out[k];
    if (prev === undefined) out[k] = v;
    else out[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}
