// POST /api/v1/contacts/{id}/enrich: runs the enrichment waterfall for one contact now and returns the per-provider report.
// Thin: the engine authorises and decides; a contact of another workspace answers 404.
import { enrichContactRoute } from "@/lib/api/specs/enrichment";
import { enrichContact, runToJson } from "@/lib/crm/enrichment";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = handle(enrichContactRoute, async ({ ctx, params }) => {
  const { run, report } = await enrichContact(ctx, params.id);
  return { run: runToJson(run), report };
});
