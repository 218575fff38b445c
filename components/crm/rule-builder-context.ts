"use client";
// What every level of the segment rule builder needs to know: the fields rules may name, other segments, campaigns, limits.
// Never fetch here: the page loads these once on the server and the builder only reads them.
import { createContext, useContext } from "react";
import type { FieldOperator, SegmentFieldType } from "@/lib/crm/segments/operators";

export interface SegmentFieldOption {
  key: string;
  label: string;
  type: SegmentFieldType;
  entity: "contact" | "company";
  enumValues?: readonly string[];
  operators: readonly FieldOperator[];
}

export interface RuleBuilderOptions {
  fields: SegmentFieldOption[];
  /** Other segments a rule may reference (the edited one excluded). */
  segments: Array<{ id: string; name: string }>;
  campaigns: Array<{ id: string; name: string }>;
  maxDepth: number;
  maxConditions: number;
}

export const RuleBuilderContext = createContext<RuleBuilderOptions>({ fields: [], segments: [], campaigns: [], maxDepth: 5, maxConditions: 100 });

export function useRuleBuilder(): RuleBuilderOptions {
  return useContext(RuleBuilderContext);
}
