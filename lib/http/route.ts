// The REST route wrapper: authenticate (session cookie or workspace API key), authorise the spec's permission,
// validate params/query/body with the spec's zod schemas, call the engine, map errors. Handlers stay one line.
import "server-only";
import type { z } from "zod";
import { getDb, type Db } from "@/db/client";
import type { RouteSpec } from "@/lib/api/spec";
import { authorize, type Ctx } from "@/lib/auth/context";
import { resolveSessionCtx } from "@/lib/auth/session";
import { BadRequestError, UnauthenticatedError, ValidationError } from "@/lib/errors";
import { recordApiRequest } from "@/lib/metrics";
import { fieldErrorsFromZodIssues } from "@/lib/validation";
import { ctxFromApiKey } from "@/lib/workspaces/api-keys";
import { errorResponse } from "./errors";

export interface RouteInput<P, Q, B> {
  ctx: Ctx;
  params: P;
  query: Q;
  body: B;
  request: Request;
}

type Out<S> = [NonNullable<S>] extends [never]
  ? undefined
  : NonNullable<S> extends z.ZodType
    ? z.output<NonNullable<S>>
    : undefined;

/** An `Authorization: Bearer <key>` header → the key's ctx; a missing, malformed, unknown or revoked key is 401. */
export async function ctxFromBearer(db: Db, auth: string | null | undefined): Promise<Ctx> {
  const m = auth ? /^Bearer\s+(\S+)$/i.exec(auth) : null;
  if (!m) throw new UnauthenticatedError("Send the API key as `Authorization: Bearer <key>`.", "INVALID_API_KEY");
  const ctx = await ctxFromApiKey(db, m[1]!);
  if (!ctx) throw new UnauthenticatedError("This API key is unknown or has been revoked.", "INVALID_API_KEY");
  return ctx;
}

/** Resolves the caller: a Bearer API key if one is sent (and then only that), else the session cookie. */
export async function authenticate(request: Request): Promise<Ctx> {
  const auth = request.headers.get("authorization");
  if (auth) return ctxFromBearer(getDb(), auth);
  const ctx = await resolveSessionCtx(request.headers);
  if (!ctx) throw new UnauthenticatedError("Sign in, or send a workspace API key as a Bearer token.");
  return ctx;
}

export function parseWith<S extends z.ZodType | undefined>(schema: S, value: unknown, where: string): Out<S> {
  if (!schema) return undefined as Out<S>;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const errors = fieldErrorsFromZodIssues(parsed.error.issues);
    const prefixed = where === "body" ? errors : Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${where}.${k}`, v]));
    throw new ValidationError(prefixed);
  }
  return parsed.data as Out<S>;
}

/** A request body's text as JSON (empty → {}); anything else that does not parse is 400 MALFORMED_JSON. */
export function parseJsonText(text: string): unknown {
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequestError("The request body is not valid JSON.", "MALFORMED_JSON");
  }
}

async function readJson(request: Request): Promise<unknown> {
  return parseJsonText(await request.text());
}

function queryObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) out[k] = v;
  return out;
}

/** Binds a handler to its spec. Usage: `export const GET = handle(listCampaignsRoute, ({ ctx, query }) => …)`. */
export function handle<S extends RouteSpec>(
  spec: S,
  /** Return the JSON body, or a Response for anything else (e.g. a server-sent event stream). */
  fn: (input: RouteInput<Out<S["params"]>, Out<S["query"]>, Out<S["body"]>>) => Promise<z.input<S["response"]> | Response>,
): (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> {
  return async (request, context) => {
    const started = performance.now();
    let status = 500;
    try {
      const ctx = await authenticate(request);
      authorize(ctx, spec.permission);
      const params = parseWith(spec.params, (await context?.params) ?? {}, "path");
      const query = parseWith(spec.query, queryObject(new URL(request.url)), "query");
      const body = spec.body ? parseWith(spec.body, await readJson(request), "body") : (undefined as Out<S["body"]>);
      const result = await fn({ ctx, params, query, body, request } as RouteInput<
        Out<S["params"]>,
        Out<S["query"]>,
        Out<S["body"]>
      >);
      if (result instanceof Response) {
        status = result.status;
        return result;
      }
      status = spec.successStatus ?? 200;
      return Response.json(result, { status });
    } catch (e) {
      const res = errorResponse(e);
      status = res.status;
      return res;
    } finally {
      recordApiRequest(spec.id, spec.method, status, performance.now() - started);
    }
  };
}
