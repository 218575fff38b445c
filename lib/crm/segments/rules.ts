// The segment rule tree as zod schemas: nested AND/OR groups of field, event and segment-membership conditions, with the
// limits (depth 5, 100 conditions) and the registry check of every field. Never accept a field the registry does not know.
import { z } from "zod";
import { resolveSegmentField, type CustomFieldType, type SegmentFieldDef } from "./fields";
import { FIELD_OPERATORS, fieldValueSchema, operatorAllowed, operatorsFor, type FieldOperator, type ParsedFieldValue } from "./operators";

export const MAX_RULE_DEPTH = 5;
export const MAX_RULE_CONDITIONS = 100;

/** A JSON value a field condition may carry; its exact shape is checked per operator. */
export type FieldValue = string | number | boolean | null | (string | number)[];

export interface FieldCondition {
  type: "field";
  field: string;
  operator: FieldOperator;
  value?: FieldValue;
}

export interface EventCondition {
  type: "event";
  /** email_open, email_click, form_submit, purchase… */
  eventType: string;
  campaignId?: string;
  channel?: string;
  /** at_least N (default 1) matching events, or none at all. */
  occurred: { op: "at_least" | "none"; count?: number };
  /** Only events of the last N days count; without it, any time. */
  withinDays?: number;
}

export interface SegmentCondition {
  type: "segment";
  segmentId: string;
  op: "in" | "not_in";
}

export interface RuleGroup {
  type: "group";
  op: "and" | "or";
  rules: RuleNode[];
}

export type RuleCondition = FieldCondition | EventCondition | SegmentCondition;
export type RuleNode = RuleCondition | RuleGroup;
/** A segment's rules: always a group at the root. */
export type SegmentRules = RuleGroup;

const fieldValueJson = z.union([z.string().max(500), z.number(), z.boolean(), z.null(), z.array(z.union([z.string().max(500), z.number()])).max(1000)]);

export const fieldConditionSchema = z.object({
  type: z.literal("field"),
  field: z.string().min(1, "Pick a field.").max(100),
  operator: z.enum(FIELD_OPERATORS, { error: "Unknown operator." }),
  value: fieldValueJson.optional(),
});

export const eventConditionSchema = z
  .object({
    type: z.literal("event"),
    eventType: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{0,59}$/, "Event types are lower_snake_case, e.g. email_click."),
    campaignId: z.string().uuid("Not a campaign id.").toLowerCase().optional(),
    channel: z.string().trim().min(1).max(40).optional(),
    occurred: z.object({
      op: z.enum(["at_least", "none"]),
      count: z.number().int("Use a whole number.").min(1, "At least 1.").max(1000, "At most 1,000.").optional(),
    }),
    withinDays: z.number().int("Use a whole number of days.").min(1, "At least 1 day.").max(3650, "At most 3,650 days.").optional(),
  })
  .refine((c) => c.occurred.op === "at_least" || c.occurred.count === undefined, {
    message: '"none" takes no count.',
    path: ["occurred", "count"],
  });

export const segmentConditionSchema = z.object({
  type: z.literal("segment"),
  segmentId: z.string().uuid("Not a segment id.").toLowerCase(),
  op: z.enum(["in", "not_in"]),
});

type RuleNodeUnion = z.ZodDiscriminatedUnion<
  [typeof fieldConditionSchema, typeof eventConditionSchema, typeof segmentConditionSchema, typeof ruleGroupShape],
  "type"
>;

const ruleGroupShape = z.object({
  type: z.literal("group"),
  op: z.enum(["and", "or"]),
  // A getter lets the group contain itself (zod 4's recursive objects).
  get rules(): z.ZodArray<RuleNodeUnion> {
    return z
      .array(z.discriminatedUnion("type", [fieldConditionSchema, eventConditionSchema, segmentConditionSchema, ruleGroupShape]))
      .max(MAX_RULE_CONDITIONS, `At most ${MAX_RULE_CONDITIONS} rules in a group.`);
  },
});

export interface RuleIssue {
  /** Path inside the rule tree, e.g. ["rules", 0, "field"]. */
  path: (string | number)[];
  message: string;
}

/** Every node with its path, depth first (the root group has depth 1). */
export function* walkRules(
  node: RuleNode,
  path: (string | number)[] = [],
  depth = 1,
): Generator<{ node: RuleNode; path: (string | number)[]; depth: number }> {
  yield { node, path, depth };
  if (node.type === "group") {
    for (let i = 0; i < node.rules.length; i++) yield* walkRules(node.rules[i]!, [...path, "rules", i], depth + 1);
  }
}

export type PreparedField =
  | { ok: true; def: SegmentFieldDef; value: ParsedFieldValue }
  | { ok: false; path: (string | number)[]; message: string };

/** Checks one field condition against the registry (a known field, an operator of its type, a value of the right shape). */
export function prepareFieldCondition(c: FieldCondition, customFields?: ReadonlyMap<string, CustomFieldType>): PreparedField {
  const resolved = resolveSegmentField(c.field, c.operator, c.value, customFields);
  if (!resolved.ok) return { ok: false, path: ["field"], message: resolved.message };
  const { def } = resolved;
  if (!operatorAllowed(def.type, c.operator)) {
    return {
      ok: false,
      path: ["operator"],
      message: `Operator "${c.operator}" does not apply to "${c.field}" (type ${def.type}); use ${operatorsFor(def.type).join(", ")}.`,
    };
  }
  const parsed = fieldValueSchema(def.type, c.operator, def.enumValues).safeParse(c.value);
  if (parsed.success) return { ok: true, def, value: parsed.data };
  const first = parsed.error.issues[0];
  return {
    ok: false,
    path: ["value", ...(first?.path ?? []).map((p) => (typeof p === "number" ? p : String(p)))],
    message: first?.message ?? "Not a valid value.",
  };
}

/** Limits and registry checks over a structurally valid tree; custom field types come from the workspace when known. */
export function checkRuleTree(root: SegmentRules, customFields?: ReadonlyMap<string, CustomFieldType>): RuleIssue[] {
  const issues: RuleIssue[] = [];
  let conditions = 0;
  let tooDeep = false;
  for (const { node, path, depth } of walkRules(root)) {
    if (node.type === "group") {
      if (depth > MAX_RULE_DEPTH && !tooDeep) issues.push({ path, message: `Groups nest at most ${MAX_RULE_DEPTH} deep.` });
      tooDeep ||= depth > MAX_RULE_DEPTH;
      continue;
    }
    conditions++;
    if (conditions === MAX_RULE_CONDITIONS + 1) issues.push({ path, message: `A segment has at most ${MAX_RULE_CONDITIONS} conditions.` });
    if (node.type !== "field") continue;
    const prepared = prepareFieldCondition(node, customFields);
    if (!prepared.ok) issues.push({ path: [...path, ...prepared.path], message: prepared.message });
  }
  return issues;
}

/** The tree's shape alone (no registry check): for rules read back from the database. */
export const ruleTreeShapeSchema: z.ZodType<SegmentRules, SegmentRules> = ruleGroupShape;

/** A segment's rule tree: a root group, checked against the limits and the field registry. */
export const segmentRulesSchema: z.ZodType<SegmentRules, SegmentRules> = ruleGroupShape.superRefine((root, ctx) => {
  for (const issue of checkRuleTree(root)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
});

/** The empty tree: an AND of nothing, which every contact matches. */
export const EMPTY_RULES: SegmentRules = { type: "group", op: "and", rules: [] };

/** What a tree mentions that lives in the database: custom field keys, segments and campaigns. */
export function ruleReferences(root: SegmentRules): { customKeys: Set<string>; segmentIds: Set<string>; campaignIds: Set<string> } {
  const customKeys = new Set<string>();
  const segmentIds = new Set<string>();
  const campaignIds = new Set<string>();
  for (const { node } of walkRules(root)) {
    if (node.type === "field" && node.field.startsWith("custom.")) customKeys.add(node.field.slice("custom.".length));
    if (node.type === "segment") segmentIds.add(node.segmentId);
    if (node.type === "event" && node.campaignId) campaignIds.add(node.campaignId);
  }
  return { customKeys, segmentIds, campaignIds };
}
