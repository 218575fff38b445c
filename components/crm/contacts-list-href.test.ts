import { describe, expect, it } from "vitest";
import { contactsListHref } from "./contacts-list-href";

describe("contactsListHref", () => {
  it("sends the bare path to the list", () => {
    expect(contactsListHref({})).toBe("/crm");
    expect(contactsListHref({ q: undefined })).toBe("/crm");
  });

  it("keeps every parameter, repeated ones included, and encodes them", () => {
    expect(contactsListHref({ q: "ada lovelace", sort: "name" })).toBe("/crm?q=ada+lovelace&sort=name");
    expect(contactsListHref({ tag: ["a", "b&c"] })).toBe("/crm?tag=a&tag=b%26c");
  });
});
