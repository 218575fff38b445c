// Table primitives: a horizontally scrollable frame plus header and cell styles.
// Never drop the <th scope> (screen readers announce headers from it) or the frame's `relative` (it keeps sr-only text inside the scroller).
import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

export function TableFrame({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="relative min-w-0 overflow-x-auto rounded-lg border border-border bg-card" role="region" aria-label={label} tabIndex={0}>
      <table className="w-full border-collapse text-sm">{children}</table>
    </div>
  );
}

export function Th({ className, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cn("border-b border-border bg-muted/50 px-4 py-2.5 text-left text-xs font-semibold tracking-wide text-muted-foreground uppercase", className)}
      {...rest}
    />
  );
}

export function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("border-b border-border px-4 py-3 align-top", className)} {...rest} />;
}

export function Tr({ className, ...rest }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn("last:[&>td]:border-0 hover:bg-muted/30", className)} {...rest} />;
}
