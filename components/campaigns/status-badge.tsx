// A campaign's lifecycle status as a labelled badge.
// Never invent statuses here: the list comes from CAMPAIGN_STATUSES in the engine's schemas.
import type { CAMPAIGN_STATUSES } from "@/lib/campaigns/schemas";
import { Badge, type BadgeTone } from "@/components/ui/badge";

type Status = (typeof CAMPAIGN_STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  planned: "Planned",
  active: "Active",
  paused: "Paused",
  completed: "Completed",
};

const TONES: Record<Status, BadgeTone> = { planned: "info", active: "success", paused: "warning", completed: "neutral" };

export function StatusBadge({ status }: { status: Status }) {
  return <Badge tone={TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}
