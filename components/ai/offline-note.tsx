// The short note that the built-in offline provider is always the last resort, shown wherever chains and providers are.
// Never suggest the offline provider is a model: it fills templates from the request's own inputs.
import { Info } from "lucide-react";

export function OfflineNote({ className }: { className?: string }) {
  return (
    <p className={`flex items-start gap-2 text-sm text-muted-foreground ${className ?? ""}`}>
      <Info aria-hidden className="mt-0.5 size-4 shrink-0" />
      <span>
        The built-in <strong className="font-medium text-foreground">offline provider</strong> is always the last resort: when every provider in a
        task&apos;s chain fails or is skipped, the answer comes from templates (not a model), at no cost.
      </span>
    </p>
  );
}
