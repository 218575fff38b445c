// POST /api/v1/contacts/imports/{id}/cancel: stop an unfinished import; the job rolls back, nothing is imported.
// Thin: never touches contacts or the staging table here.
import { cancelImportRoute } from "@/lib/api/specs/imports";
import { cancelImport, importToJson } from "@/lib/crm/import";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = handle(cancelImportRoute, async ({ ctx, params }) => importToJson(await cancelImport(ctx, params.id)));
