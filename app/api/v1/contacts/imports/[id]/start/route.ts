// POST /api/v1/contacts/imports/{id}/start: save mapping + policy and queue the import job; answers 202 at once.
// Thin: never runs the import in the request; the job does.
import { startImportRoute } from "@/lib/api/specs/imports";
import { importToJson, startImport } from "@/lib/crm/import";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = handle(startImportRoute, async ({ ctx, params, body }) => importToJson(await startImport(ctx, params.id, body)));
