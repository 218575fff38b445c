// The rule tree schema: limits (depth 5, 100 conditions), registry checks with errors naming the field, event and
// segment condition shapes. Never relax a limit here without the compiler's cost in mind.
import { describe, expect, it } from "vitest";
import { fieldErrorsFromZodIssues } from "@/lib/validation";
import { listSegmentFields } from "./fields";
import { MAX_RULE_CONDITIONS, segmentRulesSchema, type RuleNode, type SegmentRules } from "./rules";

function errors(tree: unknown): Record<string, string[]> {
  const r = segmentRulesSchema.safeParse(tree);
  return r.success ? {} : fieldErrorsFromZodIssues(r.error.issues);
}

const cond: RuleNode = { type: "field", field: "score", operator: "gte", value: 50 };

function nest(depth: number): SegmentRules {
  let g: SegmentRules = { type: "group", op: "and", rules: [cond] };
  for (let d = 1; d < depth; d++) g = { type: "group", op: d % 2 ? "or" : "and", rules: [g] };
  return g;
}

describe("segmentRulesSchema", () => {
  it("accepts the issue's examples", () => {
    const tree = {
      type: "group",
      op: "and",
      rules: [
        { type: "field", field: "lifecycleStage", operator: "in", value: ["lead", "mql"] },
        {
          type: "event",
          eventType: "email_click",
          campaignId: "0b8a4a52-5d55-4d3e-9a43-2a3f5b3c9e10",
          occurred: { op: "at_least", count: 1 },
          withinDays: 30,
        },
        { type: "event", eventType: "email_open", occurred: { op: "none" }, withinDays: 90 },
        { type: "group", op: "or", rules: [{ type: "field", field: "company.industry", operator: "eq", value: "SaaS" }, { type: "field", field: "custom.plan", operator: "in", value: ["pro"] }] },
        { type: "segment", segmentId: "11111111-1111-4111-8111-111111111111", op: "not_in" },
      ],
    };
    expect(errors(tree)).toEqual({});
  });

  it("nests groups at most 5 deep", () => {
    expect(errors(nest(5))).toEqual({});
    const e = errors(nest(6));
    expect(Object.values(e).flat()).toContain("Groups nest at most 5 deep.");
  });

  it(`holds at most ${MAX_RULE_CONDITIONS} conditions across all groups`, () => {
    const half = (n: number): SegmentRules => ({ type: "group", op: "or", rules: Array.from({ length: n }, () => cond) });
    expect(errors({ type: "group", op: "and", rules: [half(50), half(50)] })).toEqual({});
    const e = errors({ type: "group", op: "and", rules: [half(50), half(51)] });
    expect(e["rules.1.rules.50"]).toEqual([`A segment has at most ${MAX_RULE_CONDITIONS} conditions.`]);
  });

  it("names an unknown field, a wrong operator and a bad value where they are", () => {
    const e = errors({
      type: "group",
      op: "or",
      rules: [
        { type: "field", field: "favouriteColour", operator: "eq", value: "red" },
        { type: "group", op: "and", rules: [{ type: "field", field: "tags", operator: "eq", value: "vip" }] },
        { type: "field", field: "score", operator: "between", value: [10] },
      ],
    });
    expect(e["rules.0.field"]?.[0]).toMatch(/^Unknown field "favouriteColour"/);
    expect(e["rules.1.rules.0.operator"]?.[0]).toMatch(/"eq" does not apply to "tags" \(type tags\); use has_any, has_all, has_none/);
    expect(Object.keys(e).some((k) => k.startsWith("rules.2.value"))).toBe(true);
  });

  it("checks event and segment condition shapes", () => {
    const e = errors({
      type: "group",
      op: "and",
      rules: [
        { type: "event", eventType: "Email Click", occurred: { op: "at_least" } },
        { type: "event", eventType: "email_open", occurred: { op: "none", count: 2 } },
        { type: "event", eventType: "purchase", occurred: { op: "at_least", count: 0 }, withinDays: 0 },
        { type: "segment", segmentId: "not-a-uuid", op: "in" },
        { type: "anything" },
      ],
    });
    expect(e["rules.0.eventType"]).toBeDefined();
    expect(e["rules.1.occurred.count"]).toEqual(['"none" takes no count.']);
    expect(e["rules.2.occurred.count"]).toBeDefined();
    expect(e["rules.2.withinDays"]).toBeDefined();
    expect(e["rules.3.segmentId"]).toEqual(["Not a segment id."]);
    expect(e["rules.4.type"]).toBeDefined();
  });

  it("requires a group at the root", () => {
    expect(errors(cond)).not.toEqual({});
  });
});

describe("the field registry", () => {
  it("lists every contact and company field with its operators", () => {
    const fields = new Map(listSegmentFields().map((f) => [f.key, f]));
    for (const key of [
      "email",
      "firstName",
      "lastName",
      "phone",
      "title",
      "seniority",
      "department",
      "source",
      "country",
      "timezone",
      "tags",
      "lifecycleStage",
      "score",
      "tier",
      "ltvMinor",
      "emailConsent",
      "doNotContact",
      "createdAt",
      "updatedAt",
      "ownerUserId",
      "company.name",
      "company.domain",
      "company.industry",
      "company.employeeCount",
      "company.country",
    ]) {
      expect(fields.has(key), key).toBe(true);
    }
    expect(fields.get("lifecycleStage")).toMatchObject({ type: "enum", operators: ["in", "not_in"] });
    expect(fields.get("company.employeeCount")).toMatchObject({ type: "number", entity: "company" });
    expect(fields.get("email")).not.toHaveProperty("column");
  });
});
