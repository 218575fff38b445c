// The segment compiler, operator by operator: the SQL it emits and its bound parameters (via drizzle's PgDialect).
// Never weaken the "value is a parameter" checks: they are what keeps user text out of the SQL string.
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { compileSegmentRules, contactCountSql, type CompileEnv } from "./compile";
import { registerSegmentField } from "./fields";
import type { RuleNode, SegmentRules } from "./rules";

const WS = "ws_7d1f";
const NOW = new Date("2026-05-01T12:00:00.000Z");
const dialect = new PgDialect();

function q(rule: RuleNode | SegmentRules, env: Partial<CompileEnv> = {}) {
  const root: SegmentRules = rule.type === "group" ? rule : { type: "group", op: "and", rules: [rule] };
  return dialect.sqlToQuery(compileSegmentRules(root, { workspaceId: WS, now: NOW, ...env }));
}

/** The value travels as a parameter and appears nowhere in the SQL text. */
function expectBound(query: { sql: string; params: unknown[] }, ...values: unknown[]) {
  for (const v of values) {
    expect(query.params).toContainEqual(v);
    if (typeof v === "string") expect(query.sql).not.toContain(v);
    if (Array.isArray(v)) for (const x of v) if (typeof x === "string") expect(query.sql).not.toContain(x);
  }
}

function field(f: string, operator: string, value?: unknown): RuleNode {
  return { type: "field", field: f, operator, value } as RuleNode;
}

function compileError(rule: RuleNode | SegmentRules, env: Partial<CompileEnv> = {}): ValidationError {
  try {
    q(rule, env);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error("expected a ValidationError");
}

const EVIL = "x'); drop table contacts; --";

describe("scoping", () => {
  it("always limits to the workspace (a parameter) and to contacts that are not deleted", () => {
    const query = q({ type: "group", op: "or", rules: [] });
    expect(query.sql).toBe(`("seg_c"."workspace_id" = $1 and "seg_c"."deleted_at" is null and false)`);
    expect(query.params).toEqual([WS]);
    expect(q({ type: "group", op: "and", rules: [] }).sql).toContain("is null and true)");
  });

  it("wraps into a count over contacts aliased seg_c", () => {
    const where = compileSegmentRules({ type: "group", op: "and", rules: [] }, { workspaceId: WS });
    expect(dialect.sqlToQuery(contactCountSql(where)).sql).toMatch(/^select count\(\*\)::int as count from "contacts" "seg_c" where /);
  });

  it("joins a group's rules with its operator, nested in parentheses", () => {
    const query = q({
      type: "group",
      op: "or",
      rules: [field("country", "eq", "FR"), { type: "group", op: "and", rules: [field("score", "gt", 10), field("tier", "eq", "gold")] }],
    });
    expect(query.sql).toContain(`("seg_c"."country" = $2 or ("seg_c"."score" > $3::bigint and lower("seg_c"."tier") = $4))`);
    expect(query.params).toEqual([WS, "FR", 10, "gold"]);
  });
});

describe("text operators", () => {
  it("eq and neq compare case-insensitively; neq is the complement (a missing value matches)", () => {
    const eq = q(field("email", "eq", "Ana@Example.COM"));
    expect(eq.sql).toContain(`lower("seg_c"."email") = $2`);
    expectBound(eq, "ana@example.com");
    const neq = q(field("email", "neq", EVIL));
    expect(neq.sql).toContain(`not coalesce(lower("seg_c"."email") = $2, false)`);
    expectBound(neq, EVIL.toLowerCase());
  });

  it("contains and not_contains use strpos, so % and _ in the value are plain characters", () => {
    const c = q(field("title", "contains", "50%_off"));
    expect(c.sql).toContain(`strpos(lower("seg_c"."title"), $2) > 0`);
    expectBound(c, "50%_off");
    const nc = q(field("title", "not_contains", EVIL));
    expect(nc.sql).toContain(`not coalesce(strpos(lower("seg_c"."title"), $2) > 0, false)`);
    expectBound(nc, EVIL.toLowerCase());
  });

  it("starts_with", () => {
    const s = q(field("lastName", "starts_with", "O'Br"));
    expect(s.sql).toContain(`starts_with(lower("seg_c"."last_name"), $2)`);
    expectBound(s, "o'br");
  });

  it("is_empty and is_not_empty treat null and the empty string alike, and take no value", () => {
    expect(q(field("phone", "is_not_empty")).sql).toContain(`coalesce("seg_c"."phone", '') <> ''`);
    expect(q(field("phone", "is_empty")).sql).toContain(`not coalesce(coalesce("seg_c"."phone", '') <> '', false)`);
    expect(q(field("phone", "is_empty")).params).toEqual([WS]);
    expect(compileError(field("phone", "is_empty", "x")).fieldErrors).toHaveProperty(["rules.rules.0.value"]);
  });

  it("in binds the whole list as one text[] parameter", () => {
    const i = q(field("seniority", "in", ["VP", "Director", EVIL]));
    expect(i.sql).toContain(`lower("seg_c"."seniority") = any($2::text[])`);
    expectBound(i, ["vp", "director", EVIL.toLowerCase()]);
  });

  it("compares canonically stored fields (country, domain) with the value in that form, not through lower()", () => {
    const c = q(field("country", "in", ["fr", "Deutschland", "UK", EVIL]));
    expect(c.sql).toContain(`"seg_c"."country" = any($2::text[])`);
    expectBound(c, ["FR", "DE", "GB", EVIL.toUpperCase()]);
    expect(q(field("country", "neq", "United States")).sql).toContain(`not coalesce("seg_c"."country" = $2, false)`);
    expect(q(field("country", "neq", "United States")).params).toEqual([WS, "US"]);
    const d = q(field("company.domain", "eq", "https://www.Example.com/about"));
    expect(d.sql).toContain(`"seg_co"."domain" = $3`);
    expect(d.params).toEqual([WS, WS, "example.com"]);
    expect(q(field("country", "contains", "R")).sql).toContain(`strpos(lower("seg_c"."country"), $2) > 0`);
  });

  it("refuses an operator of another type, naming the allowed ones", () => {
    const e = compileError(field("email", "gt", 3));
    expect(e.fieldErrors["rules.rules.0.operator"]?.[0]).toMatch(/"gt" does not apply to "email".*eq, neq, contains/);
  });
});

describe("number operators", () => {
  const seats = new Map([["seats", { type: "number" as const }]]);
  const num = `(case when ("seg_c"."custom" ->> $2::text) ~ '^-?[0-9]+([.][0-9]+)?$' then ("seg_c"."custom" ->> $3::text)::numeric end)`;

  it.each([
    ["eq", `${num} = $4::numeric`],
    ["neq", `not coalesce(${num} = $4::numeric, false)`],
    ["gt", `${num} > $4::numeric`],
    ["gte", `${num} >= $4::numeric`],
    ["lt", `${num} < $4::numeric`],
    ["lte", `${num} <= $4::numeric`],
  ])("%s compares as numeric", (op, expected) => {
    const query = q(field("custom.seats", op, 42.5), { customFields: seats });
    expect(query.sql).toContain(expected);
    expect(query.params).toEqual([WS, "seats", "seats", 42.5]);
  });

  it.each([
    ["eq", 42, `"seg_c"."score" = $2::bigint`, 42],
    ["neq", 42, `not coalesce("seg_c"."score" = $2::bigint, false)`, 42],
    ["gt", 49.5, `"seg_c"."score" > $2::bigint`, 49],
    ["gte", 49.5, `"seg_c"."score" >= $2::bigint`, 50],
    ["lt", 49.5, `"seg_c"."score" < $2::bigint`, 50],
    ["lte", 49.5, `"seg_c"."score" <= $2::bigint`, 49],
  ])("%s on a whole-number column keeps the column's type (%s)", (op, value, expected, bound) => {
    const query = q(field("score", op, value));
    expect(query.sql).toContain(expected);
    expect(query.params).toEqual([WS, bound]);
  });

  it("eq with a fraction on a whole-number column matches nothing, and neq everything", () => {
    expect(q(field("score", "eq", 1.5)).sql).toContain("is null and (false))");
    expect(q(field("score", "neq", 1.5)).sql).toContain("not coalesce(false, false)");
    expect(q(field("score", "gt", 1e300)).sql).toContain(`"seg_c"."score" > $2::numeric`);
  });

  it("between is inclusive and needs lo <= hi; numeric strings are read as numbers", () => {
    const b = q(field("ltvMinor", "between", ["1000", 5000]));
    expect(b.sql).toContain(`"seg_c"."ltv_minor" between $2::bigint and $3::bigint`);
    expect(b.params).toEqual([WS, 1000, 5000]);
    expect(q(field("ltvMinor", "between", [1.2, 1.8])).sql).toContain("is null and (false))");
    const n = q(field("custom.seats", "between", [1.5, 2.5]), { customFields: seats });
    expect(n.sql).toContain(`between $4::numeric and $5::numeric`);
    expect(compileError(field("ltvMinor", "between", [9, 1])).fieldErrors["rules.rules.0.value"]?.[0]).toMatch(/lower bound/);
    expect(compileError(field("score", "gt", "ten")).fieldErrors).toHaveProperty(["rules.rules.0.value"]);
  });

  it("is_empty / is_not_empty", () => {
    expect(q(field("score", "is_not_empty")).sql).toContain(`"seg_c"."score" is not null`);
    expect(q(field("score", "is_empty")).sql).toContain(`not coalesce("seg_c"."score" is not null, false)`);
  });
});

describe("date operators", () => {
  it("before and after compare instants; a bare date is midnight UTC", () => {
    const b = q(field("createdAt", "before", "2026-01-15"));
    expect(b.sql).toContain(`"seg_c"."created_at" < $2::timestamptz`);
    expect(b.params).toEqual([WS, "2026-01-15T00:00:00.000Z"]);
    const a = q(field("updatedAt", "after", "2026-01-15T10:00:00+02:00"));
    expect(a.sql).toContain(`"seg_c"."updated_at" > $2::timestamptz`);
    expect(a.params).toEqual([WS, "2026-01-15T08:00:00.000Z"]);
    expect(compileError(field("createdAt", "before", "last week")).fieldErrors).toHaveProperty(["rules.rules.0.value"]);
  });

  it("within_last_days is bounded by now on both sides; not_within_last_days is its complement", () => {
    const w = q(field("createdAt", "within_last_days", 30));
    expect(w.sql).toContain(`"seg_c"."created_at" between ($2::timestamptz - make_interval(days => $3::int)) and $4::timestamptz`);
    expect(w.params).toEqual([WS, NOW.toISOString(), 30, NOW.toISOString()]);
    const nw = q(field("createdAt", "not_within_last_days", 30));
    expect(nw.sql).toContain(`not coalesce("seg_c"."created_at" between`);
    expect(compileError(field("createdAt", "within_last_days", 1.5)).fieldErrors).toHaveProperty(["rules.rules.0.value"]);
  });

  it("uses the database's now() when no instant is given", () => {
    const where = compileSegmentRules({ type: "group", op: "and", rules: [field("createdAt", "within_last_days", 7)] }, { workspaceId: WS });
    expect(dialect.sqlToQuery(where).sql).toContain(`between (now() - make_interval(days => $2::int)) and now()`);
  });
});

describe("enum, tags and boolean operators", () => {
  it("enum in / not_in accept only the field's values", () => {
    const i = q(field("lifecycleStage", "in", ["lead", "mql"]));
    expect(i.sql).toContain(`"seg_c"."lifecycle_stage" = any($2::text[])`);
    expect(i.params).toEqual([WS, ["lead", "mql"]]);
    expect(q(field("emailConsent", "not_in", ["opted_out"])).sql).toContain(`not coalesce("seg_c"."email_consent" = any($2::text[]), false)`);
    expect(compileError(field("lifecycleStage", "in", ["vip"])).fieldErrors["rules.rules.0.value"]?.[0]).toMatch(/subscriber, lead/);
  });

  it("tags has_any (&&), has_all (@>), has_none (not &&), lower-cased like stored tags", () => {
    const any = q(field("tags", "has_any", ["VIP", EVIL]));
    expect(any.sql).toContain(`"seg_c"."tags" && $2::text[]`);
    expectBound(any, ["vip", EVIL.toLowerCase()]);
    expect(q(field("tags", "has_all", ["a", "b"])).sql).toContain(`"seg_c"."tags" @> $2::text[]`);
    expect(q(field("tags", "has_none", ["a"])).sql).toContain(`not coalesce("seg_c"."tags" && $2::text[], false)`);
  });

  it("boolean is_true / is_false (is_false includes a missing value)", () => {
    expect(q(field("doNotContact", "is_true")).sql).toContain(`"seg_c"."do_not_contact" is true`);
    expect(q(field("doNotContact", "is_false")).sql).toContain(`not coalesce("seg_c"."do_not_contact" is true, false)`);
  });
});

describe("company fields", () => {
  it("test the contact's company through EXISTS, scoped to the workspace", () => {
    const p = q(field("company.industry", "eq", "SaaS"));
    expect(p.sql).toContain(
      `exists (select 1 from "companies" "seg_co" where "seg_co"."workspace_id" = $2 and "seg_co"."id" = "seg_c"."company_id" and lower("seg_co"."industry") = $3)`,
    );
    expect(p.params).toEqual([WS, WS, "saas"]);
  });

  it("negative operators become NOT EXISTS, so contacts without a company match them", () => {
    const n = q(field("company.employeeCount", "is_empty"));
    expect(n.sql).toContain(`not exists (select 1 from "companies" "seg_co"`);
    expect(n.sql).toContain(`"seg_co"."employee_count" is not null)`);
  });
});

describe("custom fields", () => {
  it("bind the key as a parameter and read a number only when it looks like one", () => {
    const n = q(field("custom.seats", "gte", 10));
    expect(n.sql).toContain(`(case when ("seg_c"."custom" ->> $2::text) ~ '^-?[0-9]+([.][0-9]+)?$' then ("seg_c"."custom" ->> $3::text)::numeric end) >= $4::numeric`);
    expect(n.params).toEqual([WS, "seats", "seats", 10]);
  });

  it("take the workspace's definition over the operator", () => {
    const defs = new Map([
      ["plan", { type: "enum" as const, enumValues: ["free", "pro"] }],
      ["renews", { type: "date" as const }],
      ["vip", { type: "boolean" as const }],
    ]);
    expect(q(field("custom.plan", "in", ["pro"]), { customFields: defs }).sql).toContain(`("seg_c"."custom" ->> $2::text) = any($3::text[])`);
    expect(compileError(field("custom.plan", "in", ["gold"]), { customFields: defs }).fieldErrors["rules.rules.0.value"]?.[0]).toMatch(/free, pro/);
    expect(compileError(field("custom.plan", "contains", "p"), { customFields: defs }).fieldErrors).toHaveProperty(["rules.rules.0.operator"]);
    expect(q(field("custom.renews", "after", "2026-01-01"), { customFields: defs }).sql).toContain(`pg_input_is_valid(("seg_c"."custom" ->> $2::text), 'timestamptz')`);
    expect(q(field("custom.vip", "is_true"), { customFields: defs }).sql).toContain(`(("seg_c"."custom" ->> $2::text) = 'true') is true`);
  });

  it("without a definition, read the type from the operator (and eq's value)", () => {
    expect(q(field("custom.plan", "contains", "pro")).sql).toContain(`strpos(lower(("seg_c"."custom" ->> $2::text)), $3) > 0`);
    expect(q(field("custom.seats", "eq", 3)).sql).toContain(`::numeric end) = $4::numeric`);
    expect(q(field("custom.seats", "eq", "3")).sql).toContain(`lower(("seg_c"."custom" ->> $2::text)) = $3`);
  });

  it("refuse keys that are not lower_snake_case, and tag operators", () => {
    expect(compileError(field(`custom.x" or 1=1 --`, "eq", "a")).fieldErrors["rules.rules.0.field"]?.[0]).toMatch(/not a valid custom field key/);
    expect(compileError(field("custom.labels", "has_any", ["a"])).fieldErrors).toHaveProperty(["rules.rules.0.field"]);
  });
});

describe("unknown fields", () => {
  it("are refused with an error naming the field, never turned into SQL", () => {
    const e = compileError({ type: "group", op: "and", rules: [field("score", "gt", 1), field(`email" = '' or 1=1 --`, "eq", "a")] });
    expect(e.fieldErrors["rules.rules.1.field"]?.[0]).toBe(`Unknown field "email" = '' or 1=1 --". Use a contact field, company.<field> or custom.<key>.`);
  });

  it("accept fields other engines register", () => {
    registerSegmentField({
      key: "analytics.openRate",
      label: "Open rate",
      type: "number",
      entity: "contact",
      column: (t) => sql`(select 0.5 where ${t.contact.id} is not null)`,
    });
    const query = q(field("analytics.openRate", "gt", 0.2));
    expect(query.sql).toContain(`(select 0.5 where "seg_c"."id" is not null) > $2::numeric`);
    expect(() => registerSegmentField({ key: "custom.x", label: "x", type: "text", entity: "contact", column: () => sql`1` })).toThrow();
    expect(() => registerSegmentField({ key: "bad key", label: "x", type: "text", entity: "contact", column: () => sql`1` })).toThrow();
  });
});

describe("event conditions", () => {
  const CAMPAIGN = "0b8a4a52-5d55-4d3e-9a43-2a3f5b3c9e10";

  it("at least once: EXISTS on the (workspace_id, contact_id, occurred_at) index columns, every filter bound", () => {
    const e = q({ type: "event", eventType: "email_click", campaignId: CAMPAIGN, channel: "email", occurred: { op: "at_least" }, withinDays: 30 });
    expect(e.sql).toContain(
      `exists (select 1 from "contact_events" "seg_e" where "seg_e"."workspace_id" = $2 and "seg_e"."contact_id" = "seg_c"."id" and "seg_e"."type" = $3 and "seg_e"."occurred_at" >= ($4::timestamptz - make_interval(days => $5::int)) and "seg_e"."campaign_id" = $6::uuid and "seg_e"."channel" = $7)`,
    );
    expect(e.params).toEqual([WS, WS, "email_click", NOW.toISOString(), 30, CAMPAIGN, "email"]);
  });

  it("at least N counts through a LIMIT-ed subquery", () => {
    const e = q({ type: "event", eventType: "purchase", occurred: { op: "at_least", count: 3 } });
    expect(e.sql).toContain(`(select count(*) from (select 1 from "contact_events" "seg_e" where`);
    expect(e.sql).toContain(`limit $4::int) seg_n) >= $5::int`);
    expect(e.params).toEqual([WS, WS, "purchase", 3, 3]);
  });

  it("none: NOT EXISTS (\"no open in 90 days\")", () => {
    const e = q({ type: "event", eventType: "email_open", occurred: { op: "none" }, withinDays: 90 });
    expect(e.sql).toMatch(/and \(not exists \(select 1 from "contact_events" "seg_e" where .* "seg_e"."occurred_at" >= /);
    expect(e.params).toContain(90);
  });
});

describe("segment conditions", () => {
  const LIST = "11111111-1111-4111-8111-111111111111";
  const DYN = "22222222-2222-4222-8222-222222222222";
  const LOOP = "33333333-3333-4333-8333-333333333333";

  it("a static list is an EXISTS over segment_members", () => {
    const segments = new Map([[LIST, { kind: "static" as const, rules: null }]]);
    const s = q({ type: "segment", segmentId: LIST, op: "in" }, { segments });
    expect(s.sql).toContain(
      `exists (select 1 from "segment_members" "seg_m" where "seg_m"."workspace_id" = $2 and "seg_m"."segment_id" = $3::uuid and "seg_m"."contact_id" = "seg_c"."id")`,
    );
    expect(q({ type: "segment", segmentId: LIST, op: "not_in" }, { segments }).sql).toContain(`and (not exists (select 1 from "segment_members"`);
  });

  it("a dynamic segment's rules are inlined", () => {
    const segments = new Map([[DYN, { kind: "dynamic" as const, rules: { type: "group" as const, op: "and" as const, rules: [field("tier", "eq", "gold")] } }]]);
    const s = q({ type: "segment", segmentId: DYN, op: "not_in" }, { segments });
    expect(s.sql).toContain(`not coalesce((lower("seg_c"."tier") = $2), false)`);
  });

  it("refuses cycles and unknown segments", () => {
    const segments = new Map([
      [DYN, { kind: "dynamic" as const, rules: { type: "group" as const, op: "and" as const, rules: [{ type: "segment" as const, segmentId: LOOP, op: "in" as const }] } }],
      [LOOP, { kind: "dynamic" as const, rules: { type: "group" as const, op: "or" as const, rules: [{ type: "segment" as const, segmentId: DYN, op: "in" as const }] } }],
    ]);
    expect(compileError({ type: "segment", segmentId: DYN, op: "in" }, { segments }).fieldErrors["rules.rules.0.segmentId"]?.[0]).toMatch(/refer to themselves/);
    expect(compileError({ type: "segment", segmentId: LOOP, op: "in" }, { segments: new Map(), selfId: LOOP }).fieldErrors["rules.rules.0.segmentId"]).toEqual(["Segment not found."]);
    const self = new Map([[DYN, { kind: "dynamic" as const, rules: { type: "group" as const, op: "and" as const, rules: [] } }]]);
    expect(compileError({ type: "segment", segmentId: DYN, op: "in" }, { segments: self, selfId: DYN }).fieldErrors["rules.rules.0.segmentId"]?.[0]).toMatch(/themselves/);
  });
});
