// Public face of the segments engine: rule trees, the field registry, the compiler and the segment operations.
// Other engines reach segments only through here; never import the files behind it directly.
export * from "./segments";
export * from "./schemas";
export {
  EMPTY_RULES,
  MAX_RULE_CONDITIONS,
  MAX_RULE_DEPTH,
  checkRuleTree,
  ruleReferences,
  walkRules,
  type EventCondition,
  type FieldCondition,
  type FieldValue,
  type RuleCondition,
  type RuleGroup,
  type RuleNode,
  type SegmentCondition,
  type SegmentRules,
} from "./rules";
export {
  CUSTOM_PREFIX,
  customFieldType,
  getSegmentField,
  listSegmentFields,
  registerSegmentField,
  resolveSegmentField,
  segCompany,
  segContact,
  type CustomFieldType,
  type SegmentFieldDef,
  type SegmentTables,
} from "./fields";
export { FIELD_OPERATORS, OPERATORS_BY_TYPE, SEGMENT_FIELD_TYPES, type FieldOperator, type SegmentFieldType } from "./operators";
export { compileSegmentRules, contactCountSql, contactIdsSql, MAX_COMPILED_CONDITIONS, type CompileEnv, type ReferencedSegment } from "./compile";
