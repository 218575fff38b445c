// GET/POST /api/v1/contacts/imports: list imports (keyset) and upload a CSV (multipart, streamed to disk) for a preview.
// Thin: the engine authorises, streams, validates and records; this file never reads the upload into memory.
import { listImportsRoute, uploadImportRoute } from "@/lib/api/specs/imports";
import { importToJson, listImports, uploadImport } from "@/lib/crm/import";
import { handle } from "@/lib/http/route";
import { handleStream } from "@/lib/http/stream-route";

export const dynamic = "force-dynamic";

export const GET = handle(listImportsRoute, async ({ ctx, query }) => {
  const page = await listImports(ctx, query);
  return { items: page.items.map(importToJson), nextCursor: page.nextCursor };
});

export const POST = handleStream(uploadImportRoute, async ({ ctx, request }) =>
  Response.json(await uploadImport(ctx, { headers: request.headers, body: request.body }), { status: 201 }),
);
