// A contact's lifecycle stage as a labelled badge, toned by how far along the funnel it is.
// Never invent stages here: the list and labels come from lib/crm/stages.ts.
import { STAGE_LABELS, type LifecycleStage } from "@/lib/crm/stages";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const TONES: Record<LifecycleStage, BadgeTone> = {
  subscriber: "neutral",
  lead: "info",
  mql: "info",
  sql: "warning",
  opportunity: "warning",
  customer: "success",
  evangelist: "success",
  other: "neutral",
  churned: "danger",
};

export function isLifecycleStage(v: string): v is LifecycleStage {
  return v in STAGE_LABELS;
}

export function stageLabel(stage: string): string {
  return isLifecycleStage(stage) ? STAGE_LABELS[stage] : stage;
}

export function StageBadge({ stage }: { stage: string }) {
  const tone = isLifecycleStage(stage) ? TONES[stage] : "neutral";
  return <Badge tone={tone}>{stageLabel(stage)}</Badge>;
}
