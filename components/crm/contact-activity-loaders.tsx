// Server loaders for a contact page's slower widgets (stage history, first timeline page), each inside its own boundary.
// Never call them from a client component: they read through the engine with the caller's ctx.
import "server-only";
import type { Ctx } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { stageHistory } from "@/lib/crm";
import type { LifecycleStage } from "@/lib/crm/stages";
import { loadTimelinePage } from "@/app/(app)/crm/load-timeline";
import { ContactTimeline } from "./contact-timeline";
import { LifecycleCard } from "./lifecycle-card";

export async function LifecycleLoader({ ctx, contactId, stage, timeZone }: { ctx: Ctx; contactId: string; stage: LifecycleStage; timeZone: string }) {
  const history = await stageHistory(ctx, contactId);
  return (
    <LifecycleCard
      contactId={contactId}
      stage={stage}
      history={history.map(({ id, fromStage, toStage, actorLabel, reason, ruleId, createdAt }) => ({ id, fromStage, toStage, actorLabel, reason, ruleId, createdAt }))}
      timeZone={timeZone}
      canWrite={can(ctx.role, "contacts.write")}
      canMoveBackward={can(ctx.role, "contacts.stage_backward")}
    />
  );
}

export async function TimelineLoader({ ctx, contactId, timeZone }: { ctx: Ctx; contactId: string; timeZone: string }) {
  const page = await loadTimelinePage(ctx, contactId);
  return <ContactTimeline contactId={contactId} initialPage={page} timeZone={timeZone} />;
}
