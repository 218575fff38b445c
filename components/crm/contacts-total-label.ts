// The words of the contacts list's total: "12,345 contacts", "3 contacts match", or "about 1.2M contacts" for an estimate.
// Never format with the runtime's locale: the same figure must read the same on every server.
import { formatCount } from "./crm-format";

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

export function contactsTotalLabel(total: { count: number; exact: boolean }, filtered: boolean): string {
  const n = total.count;
  const noun = n === 1 ? "contact" : "contacts";
  const figure = total.exact ? formatCount(n) : `about ${compact.format(n)}`;
  if (!filtered) return `${figure} ${noun}`;
  return `${figure} ${noun} ${n === 1 ? "matches" : "match"}`;
}
