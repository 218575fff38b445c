// Segment field types, the operators each type allows, and each operator's value schema: shared by rules, registry, compiler, UI.
// Never import server code here (client components use it), and never let an operator accept a value the compiler does not bind.
import { z } from "zod";

export const SEGMENT_FIELD_TYPES = ["text", "number", "date", "enum", "tags", "boolean"] as const;
export type SegmentFieldType = (typeof SEGMENT_FIELD_TYPES)[number];

export const OPERATORS_BY_TYPE = {
  text: ["eq", "neq", "contains", "not_contains", "starts_with", "is_empty", "is_not_empty", "in"],
  number: ["eq", "neq", "gt", "gte", "lt", "lte", "between", "is_empty", "is_not_empty"],
  date: ["before", "after", "within_last_days", "not_within_last_days", "is_empty", "is_not_empty"],
  enum: ["in", "not_in"],
  tags: ["has_any", "has_all", "has_none"],
  boolean: ["is_true", "is_false"],
} as const satisfies Record<SegmentFieldType, readonly string[]>;

export const FIELD_OPERATORS = [
  "eq",
  "neq",
  "contains",
  "not_contains",
  "starts_with",
  "is_empty",
  "is_not_empty",
  "in",
  "not_in",
  "gt",
  "gte",
  "lt",
  "lte",
  "between",
  "before",
  "after",
  "within_last_days",
  "not_within_last_days",
  "has_any",
  "has_all",
  "has_none",
  "is_true",
  "is_false",
] as const;
export type FieldOperator = (typeof FIELD_OPERATORS)[number];

export function operatorsFor(type: SegmentFieldType): readonly FieldOperator[] {
  return OPERATORS_BY_TYPE[type];
}

export function operatorAllowed(type: SegmentFieldType, op: string): op is FieldOperator {
  return (OPERATORS_BY_TYPE[type] as readonly string[]).includes(op);
}

/**
 * Each negative operator is the exact complement of a positive one (a missing value never matches the positive one,
 * so it always matches the negative one): "country neq US" includes contacts without a country.
 */
export const COMPLEMENT_OF: Partial<Record<FieldOperator, FieldOperator>> = {
  neq: "eq",
  not_contains: "contains",
  is_empty: "is_not_empty",
  not_in: "in",
  not_within_last_days: "within_last_days",
  has_none: "has_any",
  is_false: "is_true",
};

/** Operators that take no value. */
export const VALUELESS_OPERATORS: readonly FieldOperator[] = ["is_empty", "is_not_empty", "is_true", "is_false"];

const NUMERIC_TEXT = /^-?\d+(\.\d+)?$/;
const numberValue = z.union([
  z.number().finite("Use a finite number."),
  z
    .string()
    .trim()
    .regex(NUMERIC_TEXT, "Use a number.")
    .transform((s) => Number(s)),
]);
const textValue = z.string().trim().min(1, "Enter a value.").max(500, "At most 500 characters.");
const textList = z.array(textValue).min(1, "Pick at least one value.").max(1000, "At most 1,000 values.");
const daysValue = z.number().int("Use a whole number of days.").min(1, "At least 1 day.").max(3650, "At most 3,650 days.");
const dateValue = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "Use a date like 2026-03-31 or an ISO timestamp." })
  // A bare date means midnight UTC; everything is compared as an instant.
  .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s).toISOString());
const tagList = z
  .array(z.string().trim().min(1).max(40))
  .min(1, "Pick at least one tag.")
  .max(100, "At most 100 tags.")
  .transform((t) => [...new Set(t.map((x) => x.toLowerCase()))]);
const noValue = z.null({ error: "This operator takes no value." }).optional();

/** The parsed value of a field condition, by operator. */
export type ParsedFieldValue = string | number | string[] | [number, number] | null | undefined;

/** The zod schema of the value an operator takes for a field of `type` (enum values restrict `in`/`not_in`). */
export function fieldValueSchema(type: SegmentFieldType, op: FieldOperator, enumValues?: readonly string[]): z.ZodType<ParsedFieldValue> {
  if (VALUELESS_OPERATORS.includes(op)) return noValue;
  switch (type) {
    case "text":
      return op === "in" ? textList : textValue;
    case "number":
      if (op === "between") {
        return z
          .tuple([numberValue, numberValue], { error: "Use [from, to]." })
          .refine(([a, b]) => a <= b, "The lower bound is above the upper bound.") as z.ZodType<[number, number]>;
      }
      return numberValue;
    case "date":
      return op === "within_last_days" || op === "not_within_last_days" ? daysValue : dateValue;
    case "enum": {
      const list = z.array(z.string().min(1).max(200)).min(1, "Pick at least one value.").max(200);
      if (!enumValues?.length) return list;
      return list.refine((vs) => vs.every((v) => enumValues.includes(v)), {
        message: `Use one or more of: ${enumValues.join(", ")}.`,
      });
    }
    case "tags":
      return tagList;
    case "boolean":
      return noValue;
  }
}

/**
 * The type of a custom field with no definition in the workspace, read from its operator (and, for eq/neq, its value):
 * gt/lt/between mean a number, contains/starts_with/in a text, before/after/within a date, is_true/is_false a boolean.
 */
export function inferTypeFromOperator(op: FieldOperator, value: unknown): SegmentFieldType | null {
  switch (op) {
    case "gt":
    case "gte":
    case "lt":
    case "lte":
    case "between":
      return "number";
    case "contains":
    case "not_contains":
    case "starts_with":
    case "in":
    case "is_empty":
    case "is_not_empty":
      return "text";
    case "not_in":
      return "enum";
    case "before":
    case "after":
    case "within_last_days":
    case "not_within_last_days":
      return "date";
    case "is_true":
    case "is_false":
      return "boolean";
    case "eq":
    case "neq":
      return typeof value === "number" ? "number" : "text";
    case "has_any":
    case "has_all":
    case "has_none":
      return null;
  }
}
