// GET /api/v1/enrichment/runs/{id}: one run's progress. A run of another workspace answers 404.
import { getEnrichmentRunRoute } from "@/lib/api/specs/enrichment";
import { getEnrichmentRun, runToJson } from "@/lib/crm/enrichment";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = handle(getEnrichmentRunRoute, async ({ ctx, params }) => runToJson(await getEnrichmentRun(ctx, params.id)));
