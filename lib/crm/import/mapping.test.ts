// Header auto-detection and mapping checks: synonyms in the shapes real exports use, one column per field, and the rule
// that a contact needs an email or a name.
import { describe, expect, it } from "vitest";
import { customKeyFor, mappingProblems, normaliseHeader, suggestMapping } from "./mapping";

describe("suggestMapping", () => {
  it("maps common header spellings to contact fields", () => {
    expect(
      suggestMapping([
        "E-mail",
        "First Name",
        "surname",
        "Mobile",
        "Company",
        "Website",
        "Tags",
        "Lifecycle stage",
        "Country",
        "Job Title",
        "Favourite colour",
      ]),
    ).toEqual({
      "E-mail": "email",
      "First Name": "firstName",
      surname: "lastName",
      Mobile: "phone",
      Company: "company",
      Website: "companyDomain",
      Tags: "tags",
      "Lifecycle stage": "lifecycleStage",
      Country: "country",
      "Job Title": "title",
      "Favourite colour": null,
    });
  });

  it("recognises email address, given name, camelCase, Stage, and a fuzzy 'Work E-mail (primary)'", () => {
    expect(suggestMapping(["email address", "given name", "lastName", "Stage"])).toEqual({
      "email address": "email",
      "given name": "firstName",
      lastName: "lastName",
      Stage: "lifecycleStage",
    });
    expect(suggestMapping(["Work E-mail (primary)"])["Work E-mail (primary)"]).toBe("email");
  });

  it("suggests a field for one column only, and keeps custom.<key> headers from an export", () => {
    expect(suggestMapping(["Email", "E-mail", "custom.plan", "custom.Bad Key"])).toEqual({
      Email: "email",
      "E-mail": null,
      "custom.plan": "custom.plan",
      "custom.Bad Key": null,
    });
  });
});

describe("customKeyFor / normaliseHeader", () => {
  it("turns a header into a lower_snake custom key", () => {
    expect(customKeyFor("Favourite Colour")).toBe("favourite_colour");
    expect(customKeyFor("2024 Revenue (€)")).toBe("revenue");
    expect(customKeyFor("!!!")).toBeNull();
    expect(normaliseHeader("Prénom")).toBe("prenom");
  });
});

describe("mappingProblems", () => {
  const headers = ["Email", "First", "Notes", "Tags A", "Tags B"];

  it("accepts email-only and name-only mappings, and several tag columns", () => {
    expect(mappingProblems(headers, { Email: "email" })).toEqual([]);
    expect(mappingProblems(headers, { First: "firstName", "Tags A": "tags", "Tags B": "tags" })).toEqual([]);
  });

  it("refuses a mapping without email and without a name", () => {
    expect(mappingProblems(headers, { Notes: "custom.notes" })).toEqual([expect.stringMatching(/Map a column to Email, or to a name/)]);
  });

  it("names unknown columns, unknown fields and a field fed by two columns", () => {
    const problems = mappingProblems(headers, { Email: "email", Notes: "email", Nope: "firstName", First: "shoeSize" as never });
    expect(problems).toEqual([
      expect.stringContaining('"Nope" is not a column'),
      expect.stringContaining('"First" is mapped to "shoeSize"'),
      expect.stringContaining('"Email" and "Notes" are all mapped to Email'),
    ]);
  });
});
