import { describe, expect, it } from "vitest";
import { checkCustomValue, customFieldKeyFromLabel } from "./custom-fields";
import { stagesBefore } from "./lifecycle-rules";

const def = (type: string, options: string[] = []) => ({ label: "Field", type, options });

describe("custom field values", () => {
  it("accepts and normalises values per type", () => {
    expect(checkCustomValue(def("number"), " 42 ")).toEqual({ ok: true, value: 42 });
    expect(checkCustomValue(def("number"), -1.5)).toEqual({ ok: true, value: -1.5 });
    expect(checkCustomValue(def("boolean"), "Yes")).toEqual({ ok: true, value: true });
    expect(checkCustomValue(def("boolean"), false)).toEqual({ ok: true, value: false });
    expect(checkCustomValue(def("date"), "2026-02-28")).toEqual({ ok: true, value: "2026-02-28" });
    expect(checkCustomValue(def("date"), "2026-02-28T10:00:00+01:00")).toEqual({ ok: true, value: "2026-02-28T09:00:00.000Z" });
    expect(checkCustomValue(def("select", ["Gold", "Silver"]), "gold")).toEqual({ ok: true, value: "Gold" });
    expect(checkCustomValue(def("text"), 7)).toEqual({ ok: true, value: "7" });
    expect(checkCustomValue(def("number"), "")).toEqual({ ok: true, value: undefined });
    expect(checkCustomValue(def("number"), null)).toEqual({ ok: true, value: undefined });
  });

  it("refuses values that do not fit, naming the field", () => {
    expect(checkCustomValue(def("number"), "1e3")).toEqual({ ok: false, message: "Field must be a number." });
    expect(checkCustomValue(def("number"), "NaN")).toMatchObject({ ok: false });
    expect(checkCustomValue(def("boolean"), "maybe")).toEqual({ ok: false, message: "Field must be yes or no." });
    expect(checkCustomValue(def("date"), "2026-02-30")).toMatchObject({ ok: false });
    expect(checkCustomValue(def("date"), "next week")).toMatchObject({ ok: false });
    expect(checkCustomValue(def("select", ["Gold"]), "Bronze")).toEqual({ ok: false, message: "Field must be one of: Gold." });
    expect(checkCustomValue(def("text"), "x".repeat(1001))).toMatchObject({ ok: false });
    expect(checkCustomValue(def("text"), { nested: true })).toMatchObject({ ok: false });
  });

  it("turns labels into lower_snake_case keys", () => {
    expect(customFieldKeyFromLabel("Annual Revenue (USD)")).toBe("annual_revenue_usd");
    expect(customFieldKeyFromLabel("  2nd  contact ")).toBe("nd_contact");
    expect(customFieldKeyFromLabel("!!!")).toBeNull();
    expect(customFieldKeyFromLabel("a".repeat(60))).toHaveLength(40);
  });
});

describe("lifecycle rule targets", () => {
  it("only contacts earlier in the funnel can move to a stage", () => {
    expect(stagesBefore("mql")).toEqual(["subscriber", "lead"]);
    expect(stagesBefore("subscriber")).toEqual([]);
    expect(stagesBefore("churned")).toEqual([]);
    expect(stagesBefore("evangelist")).not.toContain("other");
  });
});
