// GET /api/v1/contacts/imports/{id}/rows-to-fix.csv: the rows the import rejected, as the file had them, with an Errors
// column first, to fix in a spreadsheet and import again. Streamed; access is checked before the first byte.
import { Readable } from "node:stream";
import { importRejectsRoute } from "@/lib/api/specs/imports";
import { csvDownloadHeaders } from "@/lib/crm/export";
import { importRejectsCsv } from "@/lib/crm/import";
import { handleStream } from "@/lib/http/stream-route";

export const dynamic = "force-dynamic";

export const GET = handleStream(importRejectsRoute, async ({ ctx, params }) => {
  const { stream, fileName } = await importRejectsCsv(ctx, params.id);
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { headers: csvDownloadHeaders(fileName) });
});
