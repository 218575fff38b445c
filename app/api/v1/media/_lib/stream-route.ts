// The REST wrapper for media routes whose body or answer is a stream (multipart upload, upload chunks, downloads): same
// authentication, spec permission, zod-checked params and query, error mapping and metrics as lib/http/route.ts. Never reads a body as JSON.
import "server-only";
import { Readable } from "node:stream";
import type { z } from "zod";
import type { RouteSpec } from "@/lib/api/spec";
import { authorize, type Ctx } from "@/lib/auth/context";
import { ValidationError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/errors";
import { authenticate } from "@/lib/http/route";
import type { Delivery } from "@/lib/media";
import { recordApiRequest } from "@/lib/metrics";
import { fieldErrorsFromZodIssues } from "@/lib/validation";

type Out<S> = [NonNullable<S>] extends [never] ? undefined : NonNullable<S> extends z.ZodType ? z.output<NonNullable<S>> : undefined;

export interface StreamRouteInput<P, Q> {
  ctx: Ctx;
  params: P;
  query: Q;
  request: Request;
}

function parse<S extends z.ZodType | undefined>(schema: S, value: unknown, where: string): Out<S> {
  if (!schema) return undefined as Out<S>;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const errors = fieldErrorsFromZodIssues(parsed.error.issues);
    throw new ValidationError(Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${where}.${k}`, v])));
  }
  return parsed.data as Out<S>;
}

/** Binds a streaming handler to its spec; the handler returns the Response itself. */
export function handleStream<S extends RouteSpec>(
  spec: S,
  fn: (input: StreamRouteInput<Out<S["params"]>, Out<S["query"]>>) => Promise<Response>,
): (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> {
  return async (request, context) => {
    const started = performance.now();
    let status = 500;
    try {
      const ctx = await authenticate(request);
      authorize(ctx, spec.permission);
      const params = parse(spec.params, (await context?.params) ?? {}, "path");
      const query = parse(spec.query, Object.fromEntries(new URL(request.url).searchParams), "query");
      const res = await fn({ ctx, params, query, request } as StreamRouteInput<Out<S["params"]>, Out<S["query"]>>);
      status = res.status;
      return res;
    } catch (e) {
      const res = errorResponse(e);
      status = res.status;
      return res;
    } finally {
      recordApiRequest(spec.id, spec.method, status, performance.now() - started);
    }
  };
}

/** `filename*=` per RFC 6266/5987, with a plain ASCII fallback. */
function contentDisposition(kind: "inline" | "attachment", fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** A streamed download: never buffered, private to the caller, not sniffed. */
export function deliveryResponse(d: Delivery, download: boolean): Response {
  const headers: Record<string, string> = {
    "content-type": d.contentType,
    "content-disposition": contentDisposition(download ? "attachment" : "inline", d.fileName),
    "cache-control": "private, max-age=300",
    "x-content-type-options": "nosniff",
    ...d.headers,
  };
  if (d.bytes !== null) headers["content-length"] = String(d.bytes);
  return new Response(Readable.toWeb(d.body) as ReadableStream<Uint8Array>, { status: 200, headers });
}

/** The request body as a Node stream (null when there is none). */
export function bodyStream(request: Request): Readable | null {
  return request.body ? Readable.fromWeb(request.body as unknown as import("node:stream/web").ReadableStream<Uint8Array>) : null;
}
