// POST /api/v1/media/metrics/import: daily performance for many assets from CSV (text/csv, multipart `file`, or JSON {csv}).
// Thin: reads the text (size-capped) and hands it to the engine, which validates every line and stores all or nothing.
import { importMetricsRoute } from "@/lib/api/specs/media";
import { BadRequestError } from "@/lib/errors";
import { handle } from "@/lib/http/route";
import { importMetricsCsv, METRICS_CSV_MAX_BYTES } from "@/lib/media";

export const dynamic = "force-dynamic";

async function csvText(request: Request): Promise<string> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > METRICS_CSV_MAX_BYTES + 64 * 1024) throw new BadRequestError(`The file is over ${METRICS_CSV_MAX_BYTES / 1024 / 1024} MB; split it.`, "FILE_TOO_LARGE");
  if (type.startsWith("multipart/form-data")) {
    const form = await request.formData();
    const file = form.get("file");
    if (!file || typeof file === "string") throw new BadRequestError("Send the CSV in a form field named `file`.", "FILE_MISSING");
    return file.text();
  }
  if (type.startsWith("application/json")) {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      throw new BadRequestError("The request body is not valid JSON.", "MALFORMED_JSON");
    }
    const csv = (body as { csv?: unknown } | null)?.csv;
    if (typeof csv !== "string") throw new BadRequestError("Send `{\"csv\": \"…\"}`, or the CSV itself as text/csv.", "FILE_MISSING");
    return csv;
  }
  return request.text();
}

export const POST = handle(importMetricsRoute, async ({ ctx, request }) => importMetricsCsv(ctx, await csvText(request)));
