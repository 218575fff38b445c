// Badges for a provider's circuit-breaker state and API-key health, each with its word and a short explanation.
// Never show any part of a key beyond the four-character hint the engine keeps.
import type { BreakerStateName } from "@/lib/gateway/breakers";
import { Badge, type BadgeTone } from "@/components/ui/badge";

const BREAKER: Record<BreakerStateName, { label: string; tone: BadgeTone; why: string }> = {
  closed: { label: "Closed", tone: "success", why: "Calls flow normally." },
  open: { label: "Open", tone: "danger", why: "Too many recent failures: calls skip this provider until the cooldown ends." },
  "half-open": { label: "Half-open", tone: "warning", why: "The cooldown is over: the next call is a probe that closes or reopens the breaker." },
  isolated: { label: "Isolated", tone: "neutral", why: "Held open by hand." },
};

export function BreakerBadge({ state }: { state: BreakerStateName }) {
  const b = BREAKER[state] ?? BREAKER.closed;
  return (
    <span title={b.why}>
      <Badge tone={b.tone}>{b.label}</Badge>
      <span className="sr-only"> ({b.why})</span>
    </span>
  );
}

const KEY: Record<string, { label: string; tone: BadgeTone }> = {
  healthy: { label: "Healthy", tone: "success" },
  unhealthy: { label: "Unhealthy", tone: "danger" },
  unknown: { label: "Unknown", tone: "neutral" },
};

export function KeyStatus({
  kind,
  hasKey,
  hint,
  status,
  reason,
}: {
  kind: string;
  hasKey: boolean;
  hint: string | null;
  status: string;
  reason: string | null;
}) {
  if (kind === "offline") return <span className="text-muted-foreground">No key needed</span>;
  const k = KEY[status] ?? KEY.unknown!;
  return (
    <div className="grid gap-1">
      <span className="font-mono text-xs whitespace-nowrap text-muted-foreground">
        {hasKey ? (
          <>
            <span aria-hidden>••••</span>
            <span className="sr-only">Key ending in </span>
            {hint ?? "????"}
          </>
        ) : (
          "No key"
        )}
      </span>
      <span>
        <Badge tone={k.tone}>{k.label}</Badge>
      </span>
      {status === "unknown" ? <span className="max-w-40 text-xs text-muted-foreground">Not confirmed yet: a successful call marks it healthy.</span> : null}
      {reason ? <span className="max-w-56 text-xs break-words text-danger">{reason}</span> : null}
    </div>
  );
}
