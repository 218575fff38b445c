// Whether an Escape keypress may clear the contacts table's selection, judged by where focus is when it is pressed.
// Never take Escape from a text field or from an open dialog, popover or listbox: there it means "close" or "clear what I typed".

/** The bits of a DOM element this check reads; a real Element fits. */
export interface EscapeTarget {
  tagName: string;
  type?: string;
  isContentEditable?: boolean;
  closest: (selector: string) => unknown;
}

/** Input types that take no typing: Escape on a focused checkbox (the table's own row boxes) still clears the selection. */
const NON_TEXT_INPUTS = new Set(["checkbox", "radio", "button", "submit", "reset", "image", "file", "color", "range"]);

/** Layers that handle Escape themselves. Radix popovers render role="dialog", the command palette too. */
export const ESCAPE_OWNING_LAYERS = '[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"], [aria-modal="true"]';

function isEscapeTarget(v: unknown): v is EscapeTarget {
  return typeof v === "object" && v !== null && typeof (v as EscapeTarget).closest === "function" && typeof (v as EscapeTarget).tagName === "string";
}

export function escapeMayClearSelection(target: unknown): boolean {
  // The window or the document itself: nothing is focused, so the page is what Escape speaks to.
  if (!isEscapeTarget(target)) return true;
  const tag = target.tagName.toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable) return false;
  if (tag === "INPUT" && !NON_TEXT_INPUTS.has((target.type ?? "text").toLowerCase())) return false;
  return !target.closest(ESCAPE_OWNING_LAYERS);
}
