import { describe, expect, it } from "vitest";
import { isBackwardMove } from "./stages";

describe("lifecycle direction", () => {
  it("treats funnel steps forward as forward, at any distance", () => {
    expect(isBackwardMove("subscriber", "lead")).toBe(false);
    expect(isBackwardMove("lead", "customer")).toBe(false);
  });
  it("treats steps back in the funnel as backward", () => {
    expect(isBackwardMove("customer", "lead")).toBe(true);
    expect(isBackwardMove("sql", "mql")).toBe(true);
  });
  it("treats other/churned as side moves out, and coming back as backward", () => {
    expect(isBackwardMove("customer", "churned")).toBe(false);
    expect(isBackwardMove("lead", "other")).toBe(false);
    expect(isBackwardMove("churned", "customer")).toBe(true);
    expect(isBackwardMove("lead", "lead")).toBe(false);
  });
});
