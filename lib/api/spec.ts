// A REST route's contract: method, path, permission and zod schemas. The handler wrapper enforces it and the
// OpenAPI document is generated from it, so the docs cannot drift from what the server accepts.
import type { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface RouteSpec<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  /** Stable identifier, e.g. "campaigns.list". */
  id: string;
  method: HttpMethod;
  /** OpenAPI-style path, e.g. "/api/v1/campaigns/{id}". */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  permission: Permission;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** HTTP status on success (200 unless stated). */
  successStatus?: number;
}

export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  spec: RouteSpec<P, Q, B, R>,
): RouteSpec<P, Q, B, R> {
  return spec;
}
