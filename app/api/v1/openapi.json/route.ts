// GET /api/v1/openapi.json: the OpenAPI 3.1 document generated from the route specs. Public: it holds no data.
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json(buildOpenApiDocument(env().APP_URL));
}
