import { describe, expect, it } from "vitest";
import { ESCAPE_OWNING_LAYERS, escapeMayClearSelection, type EscapeTarget } from "./selection-escape";

function el(tagName: string, opts: { type?: string; editable?: boolean; inLayer?: boolean } = {}): EscapeTarget {
  return {
    tagName,
    type: opts.type,
    isContentEditable: opts.editable ?? false,
    closest: (selector: string) => (selector === ESCAPE_OWNING_LAYERS && opts.inLayer ? {} : null),
  };
}

describe("escapeMayClearSelection", () => {
  it("clears when nothing in particular has focus", () => {
    expect(escapeMayClearSelection(null)).toBe(true);
    expect(escapeMayClearSelection({})).toBe(true);
    expect(escapeMayClearSelection(el("BODY"))).toBe(true);
  });

  it("clears from the table's own row checkboxes, links and buttons", () => {
    expect(escapeMayClearSelection(el("INPUT", { type: "checkbox" }))).toBe(true);
    expect(escapeMayClearSelection(el("a"))).toBe(true);
    expect(escapeMayClearSelection(el("BUTTON"))).toBe(true);
  });

  it("leaves Escape to text fields, selects and editable text", () => {
    expect(escapeMayClearSelection(el("INPUT"))).toBe(false);
    expect(escapeMayClearSelection(el("INPUT", { type: "search" }))).toBe(false);
    expect(escapeMayClearSelection(el("TEXTAREA"))).toBe(false);
    expect(escapeMayClearSelection(el("SELECT"))).toBe(false);
    expect(escapeMayClearSelection(el("DIV", { editable: true }))).toBe(false);
  });

  it("leaves Escape to an open dialog or popover around the focus", () => {
    expect(escapeMayClearSelection(el("BUTTON", { inLayer: true }))).toBe(false);
    expect(escapeMayClearSelection(el("INPUT", { type: "checkbox", inLayer: true }))).toBe(false);
  });
});
