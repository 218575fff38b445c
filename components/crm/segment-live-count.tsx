"use client";
// The rule builder's live count: after the rules stop changing for a moment, asks the segments engine how many contacts match.
// Never count on every keystroke, and never show a stale number as current: while a count runs, the old one is marked as updating.
import { useEffect, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Users } from "lucide-react";
import type { RuleGroup } from "@/lib/crm/segments/rules";
import { countSegmentRulesAction } from "@/app/(app)/crm/actions";
import { formatCount } from "./crm-format";
import { crmQueryKeys } from "@/lib/query-keys";

const DEBOUNCE_MS = 500;

class CountError extends Error {
  constructor(
    message: string,
    readonly details: string[],
  ) {
    super(message);
  }
}

export function SegmentLiveCount({ rules }: { rules: RuleGroup }) {
  const json = JSON.stringify(rules);
  const [settled, setSettled] = useState(json);
  useEffect(() => {
    const t = window.setTimeout(() => setSettled(json), DEBOUNCE_MS);
    return () => window.clearTimeout(t);
  }, [json]);

  const query = useQuery({
    queryKey: crmQueryKeys.segments.liveCount(settled),
    queryFn: async () => {
      const res = await countSegmentRulesAction({ rules: JSON.parse(settled) as unknown });
      if (!res.ok) throw new CountError(res.message, [...new Set(Object.values(res.fieldErrors ?? {}).flat())]);
      return res.data;
    },
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 15_000,
  });
  const updating = query.isFetching || settled !== json;
  const error = query.error instanceof CountError ? query.error : query.error ? new CountError(query.error.message, []) : null;

  return (
    <section aria-label="Live count" className="rounded-lg border border-border bg-card p-4">
      <div className="flex items-center gap-3">
        <Users aria-hidden className="size-5 text-primary" />
        <div aria-live="polite">
          {error && !updating ? (
            <p className="text-sm font-medium">Finish the rules to see how many contacts match.</p>
          ) : query.data ? (
            <p className={updating ? "opacity-60" : undefined}>
              <span className="text-2xl font-semibold tabular-nums" data-testid="segment-live-count">
                {formatCount(query.data.count)}
              </span>{" "}
              <span className="text-sm text-muted-foreground">
                contact{query.data.count === 1 ? "" : "s"} match{query.data.count === 1 ? "es" : ""}
                {updating ? " · updating…" : ` · counted in ${Math.max(1, Math.round(query.data.elapsedMs))} ms`}
              </span>
            </p>
          ) : (
            <p className="text-sm text-muted-foreground">Counting…</p>
          )}
        </div>
      </div>
      {error && !updating ? (
        <ul className="mt-2 grid gap-0.5 text-sm text-danger">
          {(error.details.length ? error.details : [error.message]).map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
