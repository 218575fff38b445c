import { describe, expect, it } from "vitest";
import { costMicros, DEFAULT_PRICES, formatMicros, worstCaseCostMicros } from "./pricing";

describe("AI cost arithmetic", () => {
  it("prices input and output tokens separately, in micro-dollars", () => {
    const p = DEFAULT_PRICES["openai:gpt-4o-mini"]!;
    // 1,000 in at $0.15/M + 500 out at $0.60/M = $0.00015 + $0.0003 = 450 micro-dollars
    expect(costMicros(p, 1000, 500)).toBe(450);
  });

  it("rounds up so a tiny call is never free", () => {
    expect(costMicros({ inputPerMTokMicros: 100_000, outputPerMTokMicros: 0 }, 1, 0)).toBe(1);
    expect(costMicros({ inputPerMTokMicros: 0, outputPerMTokMicros: 0 }, 1000, 1000)).toBe(0);
  });

  it("bounds a call's cost by its prompt and max tokens", () => {
    const p = DEFAULT_PRICES["openai:gpt-4o"]!;
    expect(worstCaseCostMicros(p, 4000, 1000)).toBeGreaterThanOrEqual(costMicros(p, 1000, 1000));
  });

  it("formats micro-dollars for people", () => {
    expect(formatMicros(450)).toBe("$0.0004");
    expect(formatMicros(12_340_000)).toBe("$12.34");
  });
});
