// GET /api/v1/contacts/imports/{id}: status and progress counters. An import of another workspace answers 404.
// Thin: never computes progress here; the engine's importToJson does.
import { getImportRoute } from "@/lib/api/specs/imports";
import { getImport, importToJson } from "@/lib/crm/import";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = handle(getImportRoute, async ({ ctx, params }) => importToJson(await getImport(ctx, params.id)));
