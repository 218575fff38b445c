// The waterfall's write rule: empty fields fill, user values and confident values stay, a more confident provider value
// replaces a less confident one below the threshold, and a reformatting never changes who a value belongs to.
import { describe, expect, it } from "vitest";
import { decide, isOpen } from "./merge";

const prov = (confidence: number) => ({ provider: "p", confidence, at: "2026-01-01T00:00:00.000Z" });

describe("decide", () => {
  it("fills an empty field", () => {
    expect(decide(null, undefined, { value: "Jane", confidence: 0.3 })).toBe("fill");
    expect(decide("  ", undefined, { value: "Jane", confidence: 0.3 })).toBe("fill");
  });
  it("never overwrites a value a person entered (no provenance)", () => {
    expect(decide("Janet", undefined, { value: "Jane", confidence: 0.99 })).toBe("user");
  });
  it("leaves a value at or above the threshold alone", () => {
    expect(decide("Acme", prov(0.7), { value: "Acme Ltd", confidence: 0.95 }, 0.7)).toBe("confident");
  });
  it("replaces a below-threshold value only with a more confident one", () => {
    expect(decide("Acme", prov(0.3), { value: "Acme Ltd", confidence: 0.8 })).toBe("replace");
    expect(decide("Acme", prov(0.5), { value: "Acme Ltd", confidence: 0.5 })).toBe("lower");
    expect(decide("Acme", prov(0.5), { value: "Acme Ltd", confidence: 0.4 })).toBe("lower");
  });
  it("lets a provider refresh its own below-threshold value at equal confidence, but not another's", () => {
    expect(decide("Old summary", prov(0.5), { value: "New summary", confidence: 0.5, provider: "p" })).toBe("replace");
    expect(decide("Old summary", prov(0.5), { value: "New summary", confidence: 0.5, provider: "q" })).toBe("lower");
    expect(decide("Old summary", prov(0.5), { value: "New summary", confidence: 0.4, provider: "p" })).toBe("lower");
    expect(decide("Old summary", prov(0.8), { value: "New summary", confidence: 0.8, provider: "p" })).toBe("confident");
  });
  it("corroborates the same value with more confidence, and ignores it otherwise", () => {
    expect(decide("Acme", prov(0.3), { value: "Acme", confidence: 0.8 })).toBe("corroborate");
    expect(decide("Acme", prov(0.8), { value: "Acme", confidence: 0.5 })).toBe("same");
    expect(decide("Acme", undefined, { value: "Acme", confidence: 0.9 })).toBe("same");
  });
  it("lets a reformatting of the same value through, even over a person's value", () => {
    expect(decide("020 7183 8750", undefined, { value: "+442071838750", confidence: 0.95, replacesEquivalent: true })).toBe("normalise");
  });
  it("never proposes an empty value", () => {
    expect(decide("Acme", prov(0.1), { value: "", confidence: 0.9 })).toBe("same");
  });
  it("treats false as a value, not as empty", () => {
    expect(decide(false, prov(0.9), { value: true, confidence: 0.9 })).toBe("confident");
  });
});

describe("isOpen", () => {
  it("is open when empty, or below the threshold and beatable", () => {
    expect(isOpen(null, undefined, 0.5)).toBe(true);
    expect(isOpen("x", prov(0.3), 0.8)).toBe(true);
    expect(isOpen("x", prov(0.3), 0.3)).toBe(false);
    expect(isOpen("x", prov(0.75), 0.9)).toBe(false);
    expect(isOpen("x", undefined, 1)).toBe(false);
  });
});
