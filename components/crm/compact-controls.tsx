// Inline-sized text inputs and selects for sentence-like editors (the segment rule builder), styled like components/ui/input.
// Never use them for ordinary forms: those take the full-width controls from components/ui/input.
import type { InputHTMLAttributes, SelectHTMLAttributes } from "react";
import { cn } from "@/components/ui/cn";

const CONTROL =
  "h-9 rounded-md border border-input bg-card px-2.5 text-sm text-foreground placeholder:text-muted-foreground " +
  "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-danger";

export function CompactInput({ className, ...rest }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={cn(CONTROL, className)} {...rest} />;
}

export function CompactSelect({ className, children, ...rest }: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select className={cn(CONTROL, "max-w-full pr-7", className)} {...rest}>
      {children}
    </select>
  );
}
