// Loading placeholders shown by Suspense boundaries while a widget's data streams in.
// Never show numbers or text in a skeleton: it must not be mistaken for data.
import { cn } from "./cn";

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cn("animate-pulse rounded-md bg-muted", className)} />;
}

/** A card-shaped placeholder with a status message for assistive technology. */
export function CardSkeleton({ label, lines = 3, bare }: { label: string; lines?: number; bare?: boolean }) {
  return (
    <div role="status" aria-label={label} className={bare ? undefined : "rounded-lg border border-border bg-card p-5"}>
      <Skeleton className="h-5 w-40" />
      <div className="mt-4 grid gap-2">
        {Array.from({ length: lines }, (_, i) => (
          <Skeleton key={i} className={cn("h-4", i % 2 ? "w-3/4" : "w-full")} />
        ))}
      </div>
    </div>
  );
}

export function TableSkeleton({ label, rows = 6, columns = 5 }: { label: string; rows?: number; columns?: number }) {
  return (
    <div role="status" aria-label={label} className="overflow-hidden rounded-lg border border-border bg-card">
      <div className="flex gap-4 border-b border-border bg-muted/50 px-4 py-3">
        {Array.from({ length: columns }, (_, i) => (
          <Skeleton key={i} className="h-4 flex-1" />
        ))}
      </div>
      {Array.from({ length: rows }, (_, r) => (
        <div key={r} className="flex gap-4 border-b border-border px-4 py-3.5 last:border-0">
          {Array.from({ length: columns }, (_, c) => (
            <Skeleton key={c} className={cn("h-4 flex-1", c === 0 && "flex-[2]")} />
          ))}
        </div>
      ))}
    </div>
  );
}
