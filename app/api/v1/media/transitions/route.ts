// POST /api/v1/media/transitions: bulk approve, reject, submit or archive; unmovable assets come back in `skipped`.
// Thin: the engine authorises and scopes to the caller's workspace; never query the database here.
import { bulkTransitionRoute } from "@/lib/api/specs/media";
import { handle } from "@/lib/http/route";
import { bulkTransition } from "@/lib/media";

export const dynamic = "force-dynamic";

export const POST = handle(bulkTransitionRoute, async ({ ctx, body }) => bulkTransition(ctx, body));
