// Words for the rule builder: what each operator and event type reads as in a sentence, and default values per operator.
// Never change what an operator means here: these are labels only; the segments engine defines the semantics.
import { VALUELESS_OPERATORS, type FieldOperator, type SegmentFieldType } from "@/lib/crm/segments/operators";
import type { FieldValue } from "@/lib/crm/segments/rules";

export const OPERATOR_LABELS: Record<FieldOperator, string> = {
  eq: "is",
  neq: "is not",
  contains: "contains",
  not_contains: "does not contain",
  starts_with: "starts with",
  is_empty: "is empty",
  is_not_empty: "is not empty",
  in: "is any of",
  not_in: "is none of",
  gt: "is more than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  between: "is between",
  before: "is before",
  after: "is after",
  within_last_days: "is in the last",
  not_within_last_days: "is not in the last",
  has_any: "has any of",
  has_all: "has all of",
  has_none: "has none of",
  is_true: "is yes",
  is_false: "is no",
};

export const EVENT_LABELS: Record<string, string> = {
  email_open: "opened an email",
  email_click: "clicked an email link",
  email_bounce: "had an email bounce",
  email_unsubscribe: "unsubscribed",
  form_submit: "submitted a form",
  page_view: "viewed a page",
  purchase: "made a purchase",
  post_engagement: "engaged with a post",
  ad_click: "clicked an ad",
  meeting: "had a meeting",
  custom: "had a custom event",
};

/** Operators a custom field (no registry entry) may use; the engine infers its type from the operator. */
export const CUSTOM_FIELD_OPERATORS: readonly FieldOperator[] = [
  "eq",
  "neq",
  "contains",
  "starts_with",
  "is_empty",
  "is_not_empty",
  "gt",
  "lt",
  "between",
  "before",
  "after",
  "within_last_days",
  "is_true",
  "is_false",
];

/** The type a custom field's value is entered as, read from the operator (as the engine reads it). */
export function customTypeFor(op: FieldOperator): SegmentFieldType {
  if (op === "gt" || op === "gte" || op === "lt" || op === "lte" || op === "between") return "number";
  if (op === "before" || op === "after" || op === "within_last_days" || op === "not_within_last_days") return "date";
  if (op === "is_true" || op === "is_false") return "boolean";
  return "text";
}

/** An empty value of the right shape for an operator, so switching operators never sends a stale value. */
export function defaultValueFor(type: SegmentFieldType, op: FieldOperator): FieldValue | undefined {
  if (VALUELESS_OPERATORS.includes(op)) return undefined;
  if (op === "between") return ["", ""];
  if (op === "within_last_days" || op === "not_within_last_days") return 30;
  if (type === "enum" || type === "tags" || op === "in" || op === "not_in") return [];
  return "";
}
