// An asset's approval history as a timeline: who moved it, when, from which status to which, and the note they left.
// Never reorder it: the engine returns it oldest first, which is how a reviewer reads a story.
import { Badge } from "@/components/ui/badge";
import type { ApprovalView } from "@/app/(app)/media/actions";
import { ACTION_LABELS, formatDateTime, STATUS_LABELS, STATUS_TONES } from "./media-format";

export function AssetHistory({ approvals }: { approvals: ApprovalView[] }) {
  if (!approvals.length) return <p className="text-sm text-muted-foreground">No history yet.</p>;
  return (
    <ol className="relative grid gap-4 border-l border-border pl-5" aria-label="Approval history">
      {approvals.map((a) => (
        <li key={a.id} className="relative grid gap-1" data-testid="history-entry">
          <span aria-hidden className="absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full border-2 border-card bg-primary" />
          <p className="text-sm">
            <span className="font-medium">{ACTION_LABELS[a.action] ?? a.action}</span> by {a.actor}
          </p>
          <p className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
            <time dateTime={a.at}>{formatDateTime(a.at)}</time>
            <span aria-hidden>·</span>
            {a.fromStatus ? (
              <>
                <Badge tone={STATUS_TONES[a.fromStatus]}>{STATUS_LABELS[a.fromStatus]}</Badge>
                <span aria-label="to">→</span>
              </>
            ) : null}
            <Badge tone={STATUS_TONES[a.toStatus]}>{STATUS_LABELS[a.toStatus]}</Badge>
          </p>
          {a.note ? <blockquote className="rounded-md border-l-2 border-primary/50 bg-muted/50 px-3 py-1.5 text-sm">{a.note}</blockquote> : null}
        </li>
      ))}
    </ol>
  );
}
