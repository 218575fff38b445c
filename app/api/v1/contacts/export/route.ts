// GET /api/v1/contacts/export?q=&stage=&tag=&companyId=&ownerUserId=&segmentId=: the filtered view as a streamed CSV attachment.
// Thin: filters, permission (contacts.export) and formula neutralising live in lib/crm/export; never buffer the file here.
import { Readable } from "node:stream";
import { exportContactsRoute } from "@/lib/api/specs/imports";
import { csvDownloadHeaders, exportContactsCsv } from "@/lib/crm/export";
import { handleStream } from "@/lib/http/stream-route";

export const dynamic = "force-dynamic";

export const GET = handleStream(exportContactsRoute, async ({ ctx, query }) => {
  const { stream, fileName } = await exportContactsCsv(ctx, query);
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { headers: csvDownloadHeaders(fileName) });
});
