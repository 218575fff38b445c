import { describe, expect, it } from "vitest";
import { backwardMoveNeedsReason, backwardReasonMessage, bulkBackwardReasonMessage, isBackwardMove } from "./stages";

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

describe("a reason for moving back", () => {
  it("is needed for a backward move, and blank does not count", () => {
    expect(backwardMoveNeedsReason("customer", "lead", undefined)).toBe(true);
    expect(backwardMoveNeedsReason("customer", "lead", "   ")).toBe(true);
    expect(backwardMoveNeedsReason("churned", "customer", null)).toBe(true);
    expect(backwardMoveNeedsReason("customer", "lead", "deal lost")).toBe(false);
  });
  it("is optional for forward and side moves", () => {
    expect(backwardMoveNeedsReason("lead", "customer", undefined)).toBe(false);
    expect(backwardMoveNeedsReason("customer", "churned", "")).toBe(false);
    expect(backwardMoveNeedsReason("lead", "lead", undefined)).toBe(false);
  });
  it("names the stages and the count in its messages", () => {
    expect(backwardReasonMessage("customer", "lead")).toBe("Say why this contact moves back from Customer to Lead.");
    expect(bulkBackwardReasonMessage(1, "mql")).toBe("Say why 1 selected contact moves back to MQL.");
    expect(bulkBackwardReasonMessage(3, "lead")).toBe("Say why 3 selected contacts move back to Lead.");
  });
});
