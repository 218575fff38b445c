import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ContactColumnId, ContactSort } from "./contact-columns";
import { ContactSortHeader } from "./contact-sort-header";

function header(column: ContactColumnId | "name", sort: ContactSort): string {
  return renderToStaticMarkup(createElement(ContactSortHeader, { column, label: column, sort, onSort: () => {}, className: "th" }));
}

describe("ContactSortHeader", () => {
  it("makes a sortable column a button and marks the active sort", () => {
    expect(header("name", "name")).toContain('aria-sort="ascending"');
    expect(header("created", "newest")).toContain('aria-sort="descending"');
    expect(header("score", "newest")).toContain('aria-sort="none"');
    expect(header("email", "email")).toContain("<button");
  });

  it("leaves other columns as plain headers", () => {
    const html = header("company", "name");
    expect(html).not.toContain("<button");
    expect(html).not.toContain("aria-sort");
  });
});
