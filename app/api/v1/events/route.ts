// POST /api/v1/events: batches of contact events, idempotent per key; all-or-nothing per batch.
import { eventsIngestRoute } from "@/lib/api/specs/crm";
import { ingestEvents } from "@/lib/crm";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = handle(eventsIngestRoute, async ({ ctx, body }) => ingestEvents(ctx, body));
