// Token prices and cost arithmetic. Costs are integer micro-dollars (1e-6 USD) so sums never drift.
// Built-in defaults are a starting point only: admins edit the workspace's own price table, which always wins.

export interface Price {
  inputPerMTokMicros: number;
  outputPerMTokMicros: number;
}

/** USD per million tokens, as published by the vendors (list prices; check your contract). Keys: "kind:model". */
export const DEFAULT_PRICES: Record<string, Price> = {
  "openai:gpt-4o": { inputPerMTokMicros: 2_500_000, outputPerMTokMicros: 10_000_000 },
  "openai:gpt-4o-mini": { inputPerMTokMicros: 150_000, outputPerMTokMicros: 600_000 },
  "openai:gpt-4.1": { inputPerMTokMicros: 2_000_000, outputPerMTokMicros: 8_000_000 },
  "openai:gpt-4.1-mini": { inputPerMTokMicros: 400_000, outputPerMTokMicros: 1_600_000 },
  "anthropic:claude-3-5-haiku-latest": { inputPerMTokMicros: 800_000, outputPerMTokMicros: 4_000_000 },
  "anthropic:claude-sonnet-4-0": { inputPerMTokMicros: 3_000_000, outputPerMTokMicros: 15_000_000 },
  "gemini:gemini-2.0-flash": { inputPerMTokMicros: 100_000, outputPerMTokMicros: 400_000 },
  "gemini:gemini-2.5-pro": { inputPerMTokMicros: 1_250_000, outputPerMTokMicros: 10_000_000 },
  "offline:offline-templates-v1": { inputPerMTokMicros: 0, outputPerMTokMicros: 0 },
};

export const ZERO_PRICE: Price = { inputPerMTokMicros: 0, outputPerMTokMicros: 0 };

/** Cost of one call, rounded up to the next micro-dollar so nothing is ever free by rounding. */
export function costMicros(price: Price, tokensIn: number, tokensOut: number): number {
  const micros = (tokensIn * price.inputPerMTokMicros + tokensOut * price.outputPerMTokMicros) / 1_000_000;
  return Math.ceil(micros);
}

/** Approximate token count when a vendor does not report one (about four characters a token). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** The most a call can cost: its prompt plus `maxTokens` of output. Reserved against budgets before the call. */
export function worstCaseCostMicros(price: Price, promptChars: number, maxTokens: number): number {
  return costMicros(price, Math.ceil(promptChars / 4) + 16, maxTokens);
}

export function formatMicros(micros: number): string {
  return `$${(micros / 1_000_000).toFixed(micros < 10_000 ? 4 : 2)}`;
}
