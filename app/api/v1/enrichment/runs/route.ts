// GET/POST /api/v1/enrichment/runs: the progress view's list, and starting a run over contacts, a segment or an import.
// Thin: the engine validates targets (another workspace's ids are 404) and enqueues the batches.
import { createEnrichmentRunRoute, listEnrichmentRunsRoute } from "@/lib/api/specs/enrichment";
import { createEnrichmentRun, listEnrichmentRuns, runToJson } from "@/lib/crm/enrichment";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = handle(listEnrichmentRunsRoute, async ({ ctx, query }) => {
  const page = await listEnrichmentRuns(ctx, query);
  return { items: page.items.map(runToJson), nextCursor: page.nextCursor };
});

export const POST = handle(createEnrichmentRunRoute, async ({ ctx, body }) => runToJson(await createEnrichmentRun(ctx, body)));
