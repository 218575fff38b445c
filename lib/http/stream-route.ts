// The REST wrapper for routes whose body or answer is a stream (multipart uploads, upload chunks, CSV and media downloads),
// built on ./route.ts's handle(), plus streamed downloads. Never reads a body as JSON and never buffers one.
import "server-only";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { z } from "zod";
import type { RouteSpec } from "@/lib/api/spec";
import { handle, type RouteInput } from "./route";

/** What a streaming handler gets: everything a JSON route gets but the parsed body, which it streams itself. */
export type StreamRouteInput<S extends RouteSpec> = Omit<RouteInput<Out<S["params"]>, Out<S["query"]>, undefined>, "body">;

type Out<S> = [NonNullable<S>] extends [never] ? undefined : NonNullable<S> extends z.ZodType ? z.output<NonNullable<S>> : undefined;

/**
 * Binds a streaming handler to its spec through `handle` (authentication, the spec's permission, params and query
 * checked by its schemas, error mapping, metrics), with the spec's body schema set aside so the body is never read here.
 */
export function handleStream<S extends RouteSpec>(
  spec: S,
  fn: (input: StreamRouteInput<S>) => Promise<Response>,
): (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> {
  const bodiless = { ...spec, body: undefined };
  return handle(bodiless, ({ ctx, params, query, request }) => fn({ ctx, params, query, request } as StreamRouteInput<S>));
}

/** The request body as a Node stream (null when there is none). */
export function bodyStream(request: Request): Readable | null {
  return request.body ? Readable.fromWeb(request.body as unknown as WebReadableStream<Uint8Array>) : null;
}

/** A file to stream back: what lib/media's delivery (and any other engine's download) hands a route. */
export interface StreamedFile {
  body: Readable;
  contentType: string;
  fileName: string;
  /** Sent as content-length when known. */
  bytes: number | null;
  /** Extra response headers (an SVG's script-proof CSP, for example). */
  headers?: Record<string, string>;
}

/** `filename*=` per RFC 6266/5987, with a plain ASCII fallback. */
function contentDisposition(kind: "inline" | "attachment", fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** A streamed download: never buffered, private to the caller, not sniffed. */
export function deliveryResponse(d: StreamedFile, download: boolean): Response {
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
