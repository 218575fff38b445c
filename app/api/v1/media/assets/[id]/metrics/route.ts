// POST /api/v1/media/assets/{id}/metrics: daily performance per channel for one asset, batched, all-or-nothing.
// Thin: the engine authorises, validates and scopes to the caller's workspace; never query the database here.
import { ingestAssetMetricsRoute } from "@/lib/api/specs/media";
import { handle } from "@/lib/http/route";
import { ingestMetrics } from "@/lib/media";

export const dynamic = "force-dynamic";

export const POST = handle(ingestAssetMetricsRoute, async ({ ctx, params, body }) =>
  ingestMetrics(ctx, { rows: body.rows.map((r) => ({ ...r, assetId: params.id })) }),
);
