// Compiles a segment rule tree into one parameterised SQL WHERE fragment over `contacts seg_c`, scoped to the workspace and
// to non-deleted contacts. Never concatenate a value into SQL: values are bound parameters, identifiers come from the registry.
import { sql, type SQL } from "drizzle-orm";
import { ValidationError } from "@/lib/errors";
import { companies, contactEvents, contacts, segmentMembers } from "@/db/schema";
import { segCompany, segContact, type CustomFieldType, type SegmentFieldDef, type SegmentTables } from "./fields";
import { COMPLEMENT_OF, type FieldOperator, type ParsedFieldValue } from "./operators";
import { prepareFieldCondition, type EventCondition, type FieldCondition, type RuleNode, type SegmentCondition, type SegmentRules } from "./rules";

/** The most conditions one compiled query may hold once referenced segments are inlined. */
export const MAX_COMPILED_CONDITIONS = 500;

export interface ReferencedSegment {
  kind: "static" | "dynamic";
  /** A dynamic segment's rules (inlined where it is referenced); null for a static list. */
  rules: SegmentRules | null;
}

export interface CompileEnv {
  workspaceId: string;
  /** "Now" for relative dates; the database's now() when absent. */
  now?: Date;
  /** The workspace's custom field definitions, by key (without `custom.`). */
  customFields?: ReadonlyMap<string, CustomFieldType>;
  /** Every segment the tree names (directly or through a referenced dynamic segment). */
  segments?: ReadonlyMap<string, ReferencedSegment>;
  /** The segment whose rules these are, so a reference back to it is caught as a cycle. */
  selfId?: string;
  /** Prefix of error keys, so a REST body's `rules` field errors read `rules.rules.0.field`. */
  errorPath?: string;
  /**
   * Compile over the plain `contacts` table instead of `seg_c`, for a caller that adds the rules to its own query of
   * `contacts` (the contacts list's segment filter): the condition is then checked on the row at hand, rather than by
   * `id in (select seg_c.id …)`, which looks every candidate row up again by primary key.
   */
  onContacts?: boolean;
}

const ALIASED: SegmentTables = { contact: segContact, company: segCompany };
const PLAIN: SegmentTables = { contact: contacts, company: segCompany };
const c = segContact;
const co = segCompany;
// Raw aliases for the EXISTS subqueries; the names are fixed here, never taken from input.
const E = sql.identifier("seg_e");
const M = sql.identifier("seg_m");
const contactsFrom = sql`${contacts} ${sql.identifier("seg_c")}`;
const companiesFrom = sql`${companies} ${sql.identifier("seg_co")}`;
const eventsFrom = sql`${contactEvents} ${E}`;
const membersFrom = sql`${segmentMembers} ${M}`;

interface State {
  env: CompileEnv;
  /** The tables the rules are compiled over (`seg_c` unless `env.onContacts`). */
  t: SegmentTables;
  now: SQL;
  /** Dynamic segments being inlined, outermost first (a repeat is a cycle). */
  stack: string[];
  conditions: number;
}

class RuleError extends Error {
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(message);
  }
}

/**
 * The WHERE fragment for contacts (aliased `seg_c`) matching `rules`: `seg_c.workspace_id = $ws and seg_c.deleted_at is
 * null and (…)`. Throws ValidationError (keys like `rules.rules.0.field`) for a rule that does not apply.
 */
export function compileSegmentRules(rules: SegmentRules, env: CompileEnv): SQL {
  const t = env.onContacts ? PLAIN : ALIASED;
  const st: State = { env, t, now: env.now ? sql`${env.now.toISOString()}::timestamptz` : sql`now()`, stack: env.selfId ? [env.selfId] : [], conditions: 0 };
  try {
    const pred = compileNode(rules, [], st);
    return sql`(${t.contact.workspaceId} = ${env.workspaceId} and ${t.contact.deletedAt} is null and ${pred})`;
  } catch (e) {
    if (!(e instanceof RuleError)) throw e;
    const key = [env.errorPath ?? "rules", ...e.path].filter((p) => p !== "").join(".");
    throw new ValidationError({ [key]: [e.message] }, e.message);
  }
}

/** `select seg_c.id from contacts seg_c where <where>`: a subquery of contact ids other engines can embed. */
export function contactIdsSql(where: SQL): SQL {
  return sql`select ${c.id} from ${contactsFrom} where ${where}`;
}

/** `select count(*)::int as count from contacts seg_c where <where>`. */
export function contactCountSql(where: SQL): SQL {
  return sql`select count(*)::int as count from ${contactsFrom} where ${where}`;
}

function compileNode(node: RuleNode, path: (string | number)[], st: State): SQL {
  switch (node.type) {
    case "group": {
      if (node.rules.length === 0) return node.op === "and" ? sql`true` : sql`false`;
      const parts = node.rules.map((r, i) => compileNode(r, [...path, "rules", i], st));
      return sql`(${sql.join(parts, node.op === "and" ? sql` and ` : sql` or `)})`;
    }
    case "field":
      count(st, path);
      return compileField(node, path, st);
    case "event":
      count(st, path);
      return compileEvent(node, st);
    case "segment":
      count(st, path);
      return compileSegmentRef(node, path, st);
    default:
      throw new RuleError(path, "Unknown rule type.");
  }
}

function count(st: State, path: (string | number)[]): void {
  if (++st.conditions > MAX_COMPILED_CONDITIONS) {
    throw new RuleError(path, `Too many conditions once referenced segments are included (at most ${MAX_COMPILED_CONDITIONS}).`);
  }
}

function compileField(cond: FieldCondition, path: (string | number)[], st: State): SQL {
  const prepared = prepareFieldCondition(cond, st.env.customFields);
  if (!prepared.ok) throw new RuleError([...path, ...prepared.path], prepared.message);
  const { def } = prepared;
  const base = COMPLEMENT_OF[cond.operator] ?? cond.operator;
  const negate = base !== cond.operator;
  const pred = basePredicate(def, base, def.column(st.t), prepared.value, st.now);
  if (def.entity === "company") {
    // Through the contact's company; a contact without one has no value, so only negative operators match it.
    const exists = sql`exists (select 1 from ${companiesFrom} where ${co.workspaceId} = ${st.env.workspaceId} and ${co.id} = ${st.t.contact.companyId} and ${pred})`;
    return negate ? sql`not ${exists}` : exists;
  }
  return negate ? sql`not coalesce(${pred}, false)` : pred;
}

function basePredicate(def: SegmentFieldDef, op: FieldOperator, col: SQL, value: ParsedFieldValue, now: SQL): SQL {
  const lowerList = () => sql.param((value as string[]).map((v) => v.toLowerCase()));
  switch (def.type) {
    case "text": {
      const { normalise } = def;
      switch (op) {
        case "eq":
          return normalise ? sql`${col} = ${normalise(value as string)}` : sql`lower(${col}) = ${(value as string).toLowerCase()}`;
        case "in":
          return normalise
            ? sql`${col} = any(${sql.param((value as string[]).map(normalise))}::text[])`
            : sql`lower(${col}) = any(${lowerList()}::text[])`;
        case "contains":
          return sql`strpos(lower(${col}), ${(value as string).toLowerCase()}) > 0`;
        case "starts_with":
          return sql`starts_with(lower(${col}), ${(value as string).toLowerCase()})`;
        case "is_not_empty":
          return sql`coalesce(${col}, '') <> ''`;
      }
      break;
    }
    case "number":
      if (op === "is_not_empty") return sql`${col} is not null`;
      return def.integer ? integerComparison(op, col, value as number | [number, number]) : numericComparison(op, col, value as number | [number, number]);
    case "date":
      switch (op) {
        case "before":
          return sql`${col} < ${value as string}::timestamptz`;
        case "after":
          return sql`${col} > ${value as string}::timestamptz`;
        case "within_last_days":
          // Between N days ago and now: a future date (a renewal, say) is not "within the last N days".
          return sql`${col} between (${now} - make_interval(days => ${value as number}::int)) and ${now}`;
        case "is_not_empty":
          return sql`${col} is not null`;
      }
      break;
    case "enum":
      if (op === "in") return sql`${col} = any(${sql.param(value as string[])}::text[])`;
      break;
    case "tags":
      if (op === "has_any") return sql`${col} && ${lowerList()}::text[]`;
      if (op === "has_all") return sql`${col} @> ${lowerList()}::text[]`;
      break;
    case "boolean":
      if (op === "is_true") return sql`${col} is true`;
      break;
  }
  throw new Error(`No SQL for ${def.type} ${op}.`);
}

function numericComparison(op: FieldOperator, col: SQL, value: number | [number, number]): SQL {
  const n = (v: number) => sql`${v}::numeric`;
  switch (op) {
    case "eq":
      return sql`${col} = ${n(value as number)}`;
    case "gt":
      return sql`${col} > ${n(value as number)}`;
    case "gte":
      return sql`${col} >= ${n(value as number)}`;
    case "lt":
      return sql`${col} < ${n(value as number)}`;
    case "lte":
      return sql`${col} <= ${n(value as number)}`;
    case "between": {
      const [lo, hi] = value as [number, number];
      return sql`${col} between ${n(lo)} and ${n(hi)}`;
    }
  }
  throw new Error(`No SQL for number ${op}.`);
}

/**
 * A whole-number column against whole-number bounds (gt 49.5 is gte 50), bound as bigint: the column keeps its own
 * type, so its statistics and indexes apply. Bounds beyond the safe integer range fall back to numeric.
 */
function integerComparison(op: FieldOperator, col: SQL, value: number | [number, number]): SQL {
  const values = Array.isArray(value) ? value : [value];
  if (values.some((v) => Math.abs(v) > Number.MAX_SAFE_INTEGER)) return numericComparison(op, col, value);
  const b = (v: number) => sql`${v}::bigint`;
  const v = value as number;
  switch (op) {
    case "eq":
      return Number.isInteger(v) ? sql`${col} = ${b(v)}` : sql`false`;
    case "gt":
      return sql`${col} > ${b(Math.floor(v))}`;
    case "gte":
      return sql`${col} >= ${b(Math.ceil(v))}`;
    case "lt":
      return sql`${col} < ${b(Math.ceil(v))}`;
    case "lte":
      return sql`${col} <= ${b(Math.floor(v))}`;
    case "between": {
      const [lo, hi] = [Math.ceil((value as [number, number])[0]), Math.floor((value as [number, number])[1])];
      return lo > hi ? sql`false` : sql`${col} between ${b(lo)} and ${b(hi)}`;
    }
  }
  throw new Error(`No SQL for number ${op}.`);
}

function compileEvent(cond: EventCondition, st: State): SQL {
  const e = (col: string) => sql`${E}.${sql.identifier(col)}`;
  const conds: SQL[] = [
    // workspace_id, contact_id, occurred_at: the leading columns of contact_events_workspace_contact_time_idx.
    sql`${e("workspace_id")} = ${st.env.workspaceId}`,
    sql`${e("contact_id")} = ${st.t.contact.id}`,
    sql`${e("type")} = ${cond.eventType}`,
  ];
  if (cond.withinDays !== undefined) conds.push(sql`${e("occurred_at")} >= (${st.now} - make_interval(days => ${cond.withinDays}::int))`);
  if (cond.campaignId) conds.push(sql`${e("campaign_id")} = ${cond.campaignId}::uuid`);
  if (cond.channel) conds.push(sql`${e("channel")} = ${cond.channel}`);
  const where = sql.join(conds, sql` and `);
  if (cond.occurred.op === "none") return sql`not exists (select 1 from ${eventsFrom} where ${where})`;
  const n = cond.occurred.count ?? 1;
  if (n === 1) return sql`exists (select 1 from ${eventsFrom} where ${where})`;
  // Counting stops at N rows: a contact with 10,000 opens costs the same as one with N.
  return sql`(select count(*) from (select 1 from ${eventsFrom} where ${where} limit ${n}::int) seg_n) >= ${n}::int`;
}

function compileSegmentRef(cond: SegmentCondition, path: (string | number)[], st: State): SQL {
  const seg = st.env.segments?.get(cond.segmentId);
  if (!seg) throw new RuleError([...path, "segmentId"], "Segment not found.");
  let member: SQL;
  if (seg.kind === "static") {
    const m = (col: string) => sql`${M}.${sql.identifier(col)}`;
    member = sql`exists (select 1 from ${membersFrom} where ${m("workspace_id")} = ${st.env.workspaceId} and ${m("segment_id")} = ${cond.segmentId}::uuid and ${m("contact_id")} = ${st.t.contact.id})`;
  } else {
    if (st.stack.includes(cond.segmentId)) throw new RuleError([...path, "segmentId"], "Segments cannot refer to themselves, directly or through another segment.");
    if (!seg.rules) throw new RuleError([...path, "segmentId"], "That segment's rules are not valid.");
    st.stack.push(cond.segmentId);
    try {
      member = compileNode(seg.rules, [], st);
    } catch (e) {
      // An error inside the referenced segment is reported where this tree refers to it.
      if (e instanceof RuleError) throw new RuleError([...path, "segmentId"], `The referenced segment is not valid: ${e.message}`);
      throw e;
    } finally {
      st.stack.pop();
    }
  }
  if (cond.op === "in") return member;
  return seg.kind === "static" ? sql`not ${member}` : sql`not coalesce(${member}, false)`;
}
