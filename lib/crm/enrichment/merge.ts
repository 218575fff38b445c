// The waterfall's one rule for whether a proposed value may replace what a field holds, given the field's provenance.
// Pure. It never lets a lower confidence replace a higher one, and never touches a value a person entered (no provenance).
import type { FieldProvenance } from "@/db/schema";

/** A field filled with at least this confidence is done: later providers leave it alone. */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.7;

export type Decision =
  /** The field was empty. */
  | "fill"
  /** A value below the threshold gives way to a more confident one, or to its own provider's fresher one. */
  | "replace"
  /** The same value in canonical form (a phone in E.164); provenance stays as it was. */
  | "normalise"
  /** The same value, now with more confidence: only the provenance changes. */
  | "corroborate"
  | "same"
  /** A person entered it (no provenance entry): confidence 1.0, never overwritten. */
  | "user"
  /** Already filled with confidence at or above the threshold. */
  | "confident"
  /** The current value is at least as confident as the proposal. */
  | "lower";

export const WRITING_DECISIONS: ReadonlySet<Decision> = new Set(["fill", "replace", "normalise", "corroborate"]);
/** Decisions that change a field's value (what "fields filled" counts). */
export const VALUE_DECISIONS: ReadonlySet<Decision> = new Set(["fill", "replace", "normalise"]);

export function isEmptyValue(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") return a.trim() === b.trim();
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface Proposal {
  value: unknown;
  confidence: number;
  replacesEquivalent?: boolean;
  /** The provenance name the value would carry; a provider may refresh its own below-threshold value at equal confidence. */
  provider?: string;
}

export function decide(current: unknown, provenance: FieldProvenance | undefined, proposal: Proposal, threshold = DEFAULT_CONFIDENCE_THRESHOLD): Decision {
  if (isEmptyValue(proposal.value)) return "same";
  if (isEmptyValue(current)) return "fill";
  if (sameValue(current, proposal.value)) return provenance && proposal.confidence > provenance.confidence ? "corroborate" : "same";
  if (proposal.replacesEquivalent) return "normalise";
  if (!provenance) return "user";
  if (provenance.confidence >= threshold) return "confident";
  if (proposal.confidence > provenance.confidence) return "replace";
  return proposal.provider !== undefined && proposal.provider === provenance.provider && proposal.confidence === provenance.confidence ? "replace" : "lower";
}

/** Whether a provider offering `declared` confidence could still change this field (else it need not run for it). */
export function isOpen(current: unknown, provenance: FieldProvenance | undefined, declared: number, threshold = DEFAULT_CONFIDENCE_THRESHOLD): boolean {
  if (isEmptyValue(current)) return true;
  if (!provenance) return false;
  return provenance.confidence < threshold && declared > provenance.confidence;
}
