// A CSV import's status as a labelled badge.
// Never invent statuses here: the list comes from IMPORT_STATUSES in the import engine's schemas.
import type { ImportStatus } from "@/lib/crm/import/schemas";
import { Badge, type BadgeTone } from "@/components/ui/badge";

export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = {
  uploaded: "Not started",
  validating: "Checking rows",
  ready: "Ready to import",
  committing: "Importing",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
};

const TONES: Record<ImportStatus, BadgeTone> = {
  uploaded: "neutral",
  validating: "info",
  ready: "info",
  committing: "info",
  completed: "success",
  failed: "danger",
  cancelled: "neutral",
};

export function isImportActive(status: ImportStatus): boolean {
  return status === "validating" || status === "ready" || status === "committing";
}

export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  return <Badge tone={TONES[status]}>{IMPORT_STATUS_LABELS[status]}</Badge>;
}
