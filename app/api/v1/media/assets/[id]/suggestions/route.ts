// GET /api/v1/media/assets/{id}/suggestions: optimisation suggestions, highest priority first, each with one action.
// Thin: the engine authorises and scopes to the caller's workspace; never query the database here.
import { assetSuggestionsRoute } from "@/lib/api/specs/media";
import { handle } from "@/lib/http/route";
import { listSuggestions } from "@/lib/media";

export const dynamic = "force-dynamic";

export const GET = handle(assetSuggestionsRoute, async ({ ctx, params, query }) => ({
  items: await listSuggestions(ctx, { assetId: params.id, unusedDays: query.unusedDays }),
}));
