// Words for a CSV import's results: column targets as the mapping step names them, file sizes, and what became of the
// rows under each existing-email policy. Pure; never guesses a count the engine did not report.
import { IMPORT_FIELD_LABELS, isImportField } from "@/lib/crm/import/mapping";
import type { ImportPolicy } from "@/lib/crm/import/schemas";

/** "job_level" → "Job level": a readable name for a custom field without a definition. */
export function humaniseKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_\-.]+/g, " ")
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}

/**
 * A mapping target as the wizard shows it: "Last name", or "City (custom field)" for `custom.city`, using the
 * workspace's label for a defined custom field (`customLabels` is keyed by the bare key).
 */
export function importTargetLabel(target: string, customLabels: Record<string, string> = {}): string {
  if (isImportField(target)) return IMPORT_FIELD_LABELS[target];
  if (target.startsWith("custom.")) {
    const key = target.slice("custom.".length);
    return `${customLabels[key] ?? humaniseKey(key)} (custom field)`;
  }
  return target;
}

/** The mapped columns of an import, in file order, as header and label; ignored columns are left out. */
export function importedColumns(mapping: Record<string, string | null>, customLabels: Record<string, string> = {}): Array<{ header: string; label: string }> {
  return Object.entries(mapping)
    .filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== "")
    .map(([header, target]) => ({ header, label: importTargetLabel(target, customLabels) }));
}

/** 200 MB, 1.5 MB, 12 KB: one decimal only where it says something. */
export function formatFileSize(bytes: number): string {
  const units: Array<[number, string]> = [
    [1024 ** 3, "GB"],
    [1024 ** 2, "MB"],
    [1024, "KB"],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) {
      const value = bytes / size;
      // Below 10 one decimal is worth reading (1.5 MB); above it, or when it is .0, the whole number is enough.
      const text = value >= 10 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
      return `${text} ${unit}`;
    }
  }
  return `${bytes} B`;
}

/** How an existing contact the file did not change is counted: skipped under `skip`, unchanged otherwise. */
export function unchangedLabel(policy: ImportPolicy): { counter: string; short: string } {
  return policy === "skip"
    ? { counter: "Skipped (already in the CRM)", short: "skipped" }
    : { counter: "Unchanged (already up to date)", short: "unchanged" };
}

/** The one-line summary of a completed import. */
export function completedSummary(r: { policy: ImportPolicy; inserted: number; updated: number; skipped: number; errorRows: number }, count: (n: number) => string): string {
  return `Done: ${count(r.inserted)} added, ${count(r.updated)} updated, ${count(r.skipped)} ${unchangedLabel(r.policy).short}, ${count(r.errorRows)} with errors.`;
}

/** Rows dropped because the same email comes again later in the file. */
export function repeatedRowsNote(n: number, count: (n: number) => string): string {
  return n === 1
    ? "1 row repeated an email that appears again later in the file; the later row was kept (the dropped row is listed in the error report)."
    : `${count(n)} rows repeated an email that appears again later in the file; the later row was kept each time (the dropped rows are listed in the error report).`;
}

/** Backward stage moves the importer's role may not make. */
export function stageMovesRefusedNote(n: number, count: (n: number) => string): string {
  return `${count(n)} backward stage move${n === 1 ? " was" : "s were"} not applied: your role can't move contacts back to an earlier lifecycle stage. Ask a manager to make ${n === 1 ? "it" : "them"}.`;
}
