// Builds the OpenAPI 3.1 document from the route specs' zod schemas (zod's own JSON Schema output, draft 2020-12,
// which OpenAPI 3.1 uses as-is). Never hand-write a schema here: change the zod schema instead.
import { z } from "zod";
import { API_ROUTES } from "./routes";
import type { RouteSpec } from "./spec";

type JsonSchema = Record<string, unknown>;

function schemaOf(s: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(s, { io, unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  delete json.$schema;
  return json;
}

function parametersOf(spec: RouteSpec) {
  const out: Record<string, unknown>[] = [];
  for (const [where, schema] of [
    ["path", spec.params],
    ["query", spec.query],
  ] as const) {
    if (!schema) continue;
    const json = schemaOf(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      out.push({
        name,
        in: where,
        required: where === "path" || (json.required ?? []).includes(name),
        schema: prop,
        ...(typeof prop.description === "string" ? { description: prop.description } : {}),
      });
    }
  }
  return out;
}

const errorSchema: JsonSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", description: "Stable machine-readable code, e.g. VALIDATION_FAILED" },
        message: { type: "string" },
        fieldErrors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
        details: {
          type: "object",
          description: "Extra facts about the failure when an error has them, e.g. `attempts` (each provider tried, with its redacted error) for AI_PROVIDERS_FAILED",
        },
      },
    },
  },
};

const errorRef = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

export function buildOpenApiDocument(baseUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of API_ROUTES) {
    const op: Record<string, unknown> = {
      operationId: spec.id,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: [spec.tag],
      "x-permission": spec.permission,
      parameters: parametersOf(spec),
      responses: {
        [String(spec.successStatus ?? 200)]: {
          description: "Success",
          content: { "application/json": { schema: schemaOf(spec.response, "output") } },
        },
        "400": errorRef("Malformed request (e.g. the body is not JSON)"),
        "401": errorRef("No valid session or API key"),
        "403": errorRef(`The credential's role lacks \`${spec.permission}\``),
        "404": errorRef("Not found in this workspace"),
        "409": errorRef("Conflicts with the current state"),
        "422": errorRef("Validation failed; `fieldErrors` says which field and why"),
        "429": errorRef("Rate limited; see Retry-After"),
      },
    };
    if (spec.body) {
      op.requestBody = { required: true, content: { "application/json": { schema: schemaOf(spec.body, "input") } } };
    }
    (paths[spec.path] ??= {})[spec.method.toLowerCase()] = op;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "AICMO REST API",
      version: "1",
      description:
        "Workspace-scoped REST API. Authenticate with a workspace API key (`Authorization: Bearer aicmo_…`, created in Settings → API keys) or a signed-in session cookie. Every record belongs to the key's workspace; other workspaces' records answer 404.",
    },
    servers: [{ url: baseUrl }],
    security: [{ apiKey: [] }, { session: [] }],
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "A workspace API key" },
        session: { type: "apiKey", in: "cookie", name: "better-auth.session_token" },
      },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}
