// A budget's month so far: spent plus reserved (calls in flight) against the monthly limit, as a bar and in words.
// Never let the bar speak alone: the same figures are written out next to it, and the bar is hidden from screen readers.
import { formatMicros } from "@/lib/gateway/pricing";
import { cn } from "@/components/ui/cn";

export function BudgetMeter({ spentMicros, reservedMicros, limitMicros }: { spentMicros: number; reservedMicros: number; limitMicros: number }) {
  const used = spentMicros + reservedMicros;
  const pct = limitMicros > 0 ? Math.min(100, (used / limitMicros) * 100) : used > 0 ? 100 : 0;
  const spentPct = limitMicros > 0 ? Math.min(100, (spentMicros / limitMicros) * 100) : 0;
  const reservedPct = Math.max(0, pct - spentPct);
  const level = pct >= 100 ? "over" : pct >= 80 ? "near" : "ok";
  return (
    <div className="grid gap-1.5">
      <div aria-hidden className="flex h-2.5 w-full overflow-hidden rounded-full bg-muted">
        <div className={cn("h-full", level === "over" ? "bg-danger" : level === "near" ? "bg-amber-500" : "bg-primary")} style={{ width: `${spentPct}%` }} />
        <div className={cn("h-full opacity-40", level === "over" ? "bg-danger" : "bg-primary")} style={{ width: `${reservedPct}%` }} />
      </div>
      <p className="text-xs text-muted-foreground tabular-nums">
        <span className="font-medium text-foreground">{formatMicros(spentMicros)}</span> spent
        {reservedMicros > 0 ? <> + {formatMicros(reservedMicros)} reserved</> : null} of {formatMicros(limitMicros)} ({Math.round(pct)}%)
        {level === "over" ? <span className="ml-1 font-medium text-danger">· limit reached: new calls are refused</span> : null}
        {level === "near" ? <span className="ml-1 font-medium text-amber-700 dark:text-amber-300">· nearly spent</span> : null}
      </p>
    </div>
  );
}
