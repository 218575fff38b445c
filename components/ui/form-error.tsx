// The form-level error banner for errors that belong to no single field (refused, conflict, session expired).
// Never render it empty: it is an alert region, and an empty alert is noise for screen readers.
import { CircleExclamationPoint } from "lucide-react";

export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div role="alert" className="flex items-start gap-2 rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
      <CircleExclamationPoint aria-hidden className="mt-0.5 size-4 shrink-0" />
      <p>{message}</p>
    </div>
  );
}
