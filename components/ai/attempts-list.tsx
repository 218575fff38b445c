// Every provider attempt of one AI request, in the order they happened: ok, the error (kind, HTTP status, message), or why it was skipped.
// Never hide a failed or skipped attempt: the list is how people see failover work, so it shows them all.
import type { AttemptRecord } from "@/db/schema";
import { Badge } from "@/components/ui/badge";
import { formatMs, kindLabel } from "./ai-format";

export function AttemptsList({ attempts, label = "Attempts" }: { attempts: AttemptRecord[]; label?: string }) {
  if (!attempts.length) return <p className="text-sm text-muted-foreground">No provider was called (served from the cache, or refused before routing).</p>;
  return (
    <ol aria-label={label} className="grid gap-2">
      {attempts.map((a, i) => (
        <li key={i} className="grid gap-1 rounded-md border border-border px-3 py-2 text-sm sm:grid-cols-[2rem_minmax(0,1fr)_auto] sm:items-start sm:gap-3">
          <span className="text-xs font-semibold text-muted-foreground tabular-nums">#{i + 1}</span>
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{a.providerName}</span>
              <span className="text-xs text-muted-foreground">
                {kindLabel(a.kind)} · <span className="font-mono">{a.model}</span>
              </span>
            </div>
            {a.skipped ? (
              <p className="mt-1 text-muted-foreground">
                <Badge>Skipped</Badge> <span>skipped: {a.skipped}</span>
              </p>
            ) : a.ok ? (
              <p className="mt-1">
                <Badge tone="success">OK</Badge>
              </p>
            ) : (
              <p className="mt-1 break-words">
                <Badge tone="danger">
                  Error: {a.error?.kind ?? "unknown"}
                  {a.error?.status ? ` (HTTP ${a.error.status})` : ""}
                </Badge>{" "}
                <span className="text-muted-foreground">{a.error?.message}</span>
              </p>
            )}
          </div>
          <span className="text-xs whitespace-nowrap text-muted-foreground tabular-nums sm:text-right">{a.skipped ? "not called" : formatMs(a.latencyMs)}</span>
        </li>
      ))}
    </ol>
  );
}
