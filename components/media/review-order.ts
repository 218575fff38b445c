// Which asset the review queue shows after a decision: the next undecided one after the current, else the first
// undecided before it, else none (the queue is cleared). Pure, so the keyboard flow can be tested without a browser.

export function nextUndecided(ids: readonly string[], decided: ReadonlySet<string> | ReadonlyMap<string, unknown>, from: number): number | null {
  for (let i = from + 1; i < ids.length; i++) if (!decided.has(ids[i]!)) return i;
  for (let i = 0; i <= Math.min(from, ids.length - 1); i++) if (!decided.has(ids[i]!)) return i;
  return null;
}
