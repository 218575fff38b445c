// POST /api/v1/enrichment/runs/{id}/cancel: stops a queued or running run. A run of another workspace answers 404.
import { cancelEnrichmentRunRoute } from "@/lib/api/specs/enrichment";
import { cancelEnrichmentRun, runToJson } from "@/lib/crm/enrichment";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = handle(cancelEnrichmentRunRoute, async ({ ctx, params }) => runToJson(await cancelEnrichmentRun(ctx, params.id)));
