// Loads one keyset page of a contact's timeline and names the campaigns its events point to, for the page and its action.
// Never page with offsets, and never name a campaign the caller cannot read: names come through the campaigns engine and ctx.
import "server-only";
import type { Ctx } from "@/lib/auth/context";
import { getCampaign } from "@/lib/campaigns";
import { contactTimeline } from "@/lib/crm";

export const TIMELINE_PAGE_SIZE = 30;

export interface TimelineEventView {
  id: number;
  type: string;
  channel: string | null;
  campaignId: string | null;
  campaignName: string | null;
  valueMinor: number | null;
  occurredAt: Date;
  properties: Record<string, unknown>;
}

export interface TimelinePageView {
  items: TimelineEventView[];
  nextCursor: string | null;
}

export async function loadTimelinePage(ctx: Ctx, contactId: string, cursor?: string): Promise<TimelinePageView> {
  const page = await contactTimeline(ctx, contactId, { cursor, limit: TIMELINE_PAGE_SIZE });
  const campaignIds = [...new Set(page.items.map((e) => e.campaignId).filter((id): id is string => !!id))];
  // A page names a handful of campaigns at most; a deleted one (or one the role cannot read) is shown without a name.
  const names = new Map(
    await Promise.all(
      campaignIds.map(async (id) => [id, await getCampaign(ctx, id).then((c) => c.name, () => null)] as const),
    ),
  );
  return {
    items: page.items.map((e) => ({
      id: e.id,
      type: e.type,
      channel: e.channel,
      campaignId: e.campaignId,
      campaignName: e.campaignId ? (names.get(e.campaignId) ?? null) : null,
      valueMinor: e.valueMinor,
      occurredAt: e.occurredAt,
      properties: e.properties,
    })),
    nextCursor: page.nextCursor,
  };
}
