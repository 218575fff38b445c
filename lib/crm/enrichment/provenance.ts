// How the UI reads a record's provenance map: which enriched fields came from where, with what confidence and when.
// Pure; bookkeeping entries (keys starting with "_", such as the website-fetch marker) are never shown as fields.
import type { FieldProvenance, ProvenanceMap } from "@/db/schema";

export interface ProvenanceEntry extends FieldProvenance {
  field: string;
}

/** The enriched fields of a contact or company, newest first; a field absent here was entered by a person. */
export function provenanceEntries(provenance: ProvenanceMap | null | undefined): ProvenanceEntry[] {
  return Object.entries(provenance ?? {})
    .filter(([field]) => !field.startsWith("_"))
    .map(([field, p]) => ({ field, ...p }))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.field.localeCompare(b.field)));
}

/** "website · 80% · 2026-03-01": a compact label for a field's source. */
export function provenanceLabel(p: FieldProvenance): string {
  return `${p.provider} · ${Math.round(p.confidence * 100)}% · ${p.at.slice(0, 10)}`;
}
