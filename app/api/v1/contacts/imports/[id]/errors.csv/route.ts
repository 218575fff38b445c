// GET /api/v1/contacts/imports/{id}/errors.csv: the error report (row, field, reason) as a streamed CSV attachment.
// Access is checked before the first byte; the body is never built in memory.
import { Readable } from "node:stream";
import { importErrorsRoute } from "@/lib/api/specs/imports";
import { csvDownloadHeaders } from "@/lib/crm/export";
import { importErrorsCsv } from "@/lib/crm/import";
import { handleStream } from "@/lib/http/stream-route";

export const dynamic = "force-dynamic";

export const GET = handleStream(importErrorsRoute, async ({ ctx, params }) => {
  const { stream, fileName } = await importErrorsCsv(ctx, params.id);
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { headers: csvDownloadHeaders(fileName) });
});
