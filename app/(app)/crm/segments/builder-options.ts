// Loads what the segment rule builder offers: the registered fields, other segments to reference, and recent campaigns.
// Never hand the client a field's SQL: only keys, labels, types, enum values and operators leave the server.
import "server-only";
import type { Ctx } from "@/lib/auth/context";
import { listCampaigns } from "@/lib/campaigns";
import { listSegmentFieldOptions, listSegments, MAX_RULE_CONDITIONS, MAX_RULE_DEPTH } from "@/lib/crm/segments";
import type { RuleBuilderOptions } from "@/components/crm/rule-builder-context";

export async function loadRuleBuilderOptions(ctx: Ctx, excludeSegmentId?: string): Promise<RuleBuilderOptions> {
  // The registry's fields and the workspace's custom field definitions (custom.<key>), typed as defined.
  const [segments, campaigns, fields] = await Promise.all([
    listSegments(ctx, { limit: 200 }),
    listCampaigns(ctx, { sort: "newest", limit: 200 }),
    listSegmentFieldOptions(ctx),
  ]);
  return {
    fields: fields.map(({ key, label, type, entity, enumValues, operators }) => ({
      key,
      label,
      type,
      entity,
      ...(enumValues ? { enumValues: [...enumValues] } : {}),
      operators: [...operators],
    })),
    segments: segments.items.filter((s) => s.id !== excludeSegmentId).map((s) => ({ id: s.id, name: s.name })),
    campaigns: campaigns.items.map((c) => ({ id: c.id, name: c.name })),
    maxDepth: MAX_RULE_DEPTH,
    maxConditions: MAX_RULE_CONDITIONS,
  };
}
