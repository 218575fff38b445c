// Lifecycle stages and the rule for which moves are forward. Pure: shared by the schema, the engine, forms and tests.
// Never reorder the forward stages without a migration: rules and history rely on this order.

export const LIFECYCLE_STAGES = ["subscriber", "lead", "mql", "sql", "opportunity", "customer", "evangelist", "other", "churned"] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** The funnel, in order. "other" and "churned" sit outside it. */
export const FORWARD_ORDER: LifecycleStage[] = ["subscriber", "lead", "mql", "sql", "opportunity", "customer", "evangelist"];

export const STAGE_LABELS: Record<LifecycleStage, string> = {
  subscriber: "Subscriber",
  lead: "Lead",
  mql: "MQL",
  sql: "SQL",
  opportunity: "Opportunity",
  customer: "Customer",
  evangelist: "Evangelist",
  other: "Other",
  churned: "Churned",
};

/**
 * True when moving from `from` to `to` goes backwards in the funnel (which needs contacts.stage_backward).
 * Moving to "other" or "churned" is a side move, not backwards; leaving them back into the funnel counts as backwards.
 */
export function isBackwardMove(from: LifecycleStage, to: LifecycleStage): boolean {
  if (from === to) return false;
  if (to === "other" || to === "churned") return false;
  if (from === "other" || from === "churned") return true;
  return FORWARD_ORDER.indexOf(to) < FORWARD_ORDER.indexOf(from);
}

/**
 * A person moving a contact back in the funnel must say why; forward and side moves may go without a reason.
 * (Lifecycle rules only move forward, and CSV imports record their file as the reason, so this is about people.)
 */
export function backwardMoveNeedsReason(from: LifecycleStage, to: LifecycleStage, reason: string | null | undefined): boolean {
  return isBackwardMove(from, to) && !reason?.trim();
}

/** The message under the Reason field when a backward move has none. */
export function backwardReasonMessage(from: LifecycleStage, to: LifecycleStage): string {
  return `Say why this contact moves back from ${STAGE_LABELS[from]} to ${STAGE_LABELS[to]}.`;
}

/** The same for a bulk move: how many of the selected contacts would move back. */
export function bulkBackwardReasonMessage(backward: number, to: LifecycleStage): string {
  const who = backward === 1 ? "1 selected contact moves" : `${backward} selected contacts move`;
  return `Say why ${who} back to ${STAGE_LABELS[to]}.`;
}
