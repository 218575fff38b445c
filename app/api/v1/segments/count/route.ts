// POST /api/v1/segments/count: the live count of an unsaved rule tree while it is being edited.
// Never save anything here: the tree is counted, not stored.
import { countSegmentRulesRoute } from "@/lib/api/specs/segments";
import { countSegmentRules } from "@/lib/crm/segments";
import { handle } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = handle(countSegmentRulesRoute, async ({ ctx, body }) => countSegmentRules(ctx, body.rules));
