// Per-row validation: normalised values (email lower-case, phone E.164 with the row's country as default region, tags,
// stages), clear reasons naming the column, and whole-row checks.
import { describe, expect, it } from "vitest";
import { compileRowPlan, cleanCell, splitFullName, validateRow, type StagedContact } from "./row";
import type { ImportMapping } from "./mapping";

const headers = ["Email", "First", "Last", "Phone", "Country", "Tags", "Stage", "Title", "Company", "Site", "Plan", "Name", "DNC", "Consent"];
const mapping: ImportMapping = {
  Email: "email",
  First: "firstName",
  Last: "lastName",
  Phone: "phone",
  Country: "country",
  Tags: "tags",
  Stage: "lifecycleStage",
  Title: "title",
  Company: "company",
  Site: "companyDomain",
  Plan: "custom.plan",
  Name: "fullName",
  DNC: "doNotContact",
  Consent: "emailConsent",
};
const plan = compileRowPlan(headers, mapping);
const row = (cells: Partial<Record<(typeof headers)[number], string>>) => headers.map((h) => cells[h] ?? "");

function ok(cells: Parameters<typeof row>[0]): StagedContact {
  const r = validateRow(plan, row(cells), 7);
  if (!("contact" in r)) throw new Error(JSON.stringify(r.errors));
  return r.contact;
}

describe("validateRow", () => {
  it("normalises every mapped field", () => {
    const c = ok({
      Email: "  Jane.Doe@Example.COM ",
      First: "Jane",
      Phone: "020 7183 8750",
      Country: "United Kingdom",
      Tags: "VIP; Newsletter,vip",
      Stage: "Marketing Qualified Lead",
      Company: "Acme Ltd",
      Site: "https://www.Acme.co.uk/about",
      Plan: "gold",
      DNC: "yes",
      Consent: "opted in",
    });
    expect(c).toMatchObject({
      sourceRow: 7,
      email: "jane.doe@example.com",
      firstName: "Jane",
      phone: "+442071838750",
      country: "GB",
      tags: ["vip", "newsletter"],
      lifecycleStage: "mql",
      companyName: "Acme Ltd",
      companyDomain: "acme.co.uk",
      custom: { plan: "gold" },
      doNotContact: true,
      emailConsent: "opted_in",
    });
  });

  it("reads a national phone number with the row's country, and refuses it without one", () => {
    expect(ok({ Email: "a@b.co", Phone: "(415) 555-2671", Country: "US" }).phone).toBe("+14155552671");
    const r = validateRow(plan, row({ Email: "a@b.co", Phone: "0415 555 2671" }), 3);
    expect(r).toEqual({ errors: [{ row: 3, field: "Phone", reason: expect.stringMatching(/Not a valid phone number.*give the row a country/) }] });
  });

  it("reports each bad cell with its column and a reason, and stages nothing", () => {
    const r = validateRow(plan, row({ Email: "not-an-email", Country: "Atlantis", Stage: "hot", Site: "nope", Title: "t".repeat(100_000) }), 12);
    expect("errors" in r && r.errors.map((e) => [e.row, e.field])).toEqual([
      [12, "Email"],
      [12, "Country"],
      [12, "Stage"],
      [12, "Title"],
      [12, "Site"],
    ]);
    expect("errors" in r && r.errors[0]!.reason).toContain("not-an-email");
  });

  it("needs an email or a name", () => {
    expect(validateRow(plan, row({ Title: "CEO" }), 4)).toEqual({
      errors: [{ row: 4, field: "(row)", reason: "A contact needs an email or a name, and this row has neither." }],
    });
    expect(ok({ Name: "Ada King Lovelace" })).toMatchObject({ email: null, firstName: "Ada King", lastName: "Lovelace" });
  });

  it("refuses a row with more non-empty values than the header has columns", () => {
    const r = validateRow(plan, [...row({ Email: "a@b.co" }), "stray"], 9);
    expect("errors" in r && r.errors[0]!.reason).toMatch(/15 values but the header has 14 columns/);
    expect("contact" in validateRow(plan, [...row({ Email: "a@b.co" }), ""], 9)).toBe(true);
  });
});

describe("cells", () => {
  it("undoes the export's formula apostrophe and strips NUL characters", () => {
    expect(cleanCell("'+442071838750")).toBe("+442071838750");
    expect(cleanCell("'quoted")).toBe("'quoted");
    expect(cleanCell(" a\u0000b ")).toBe("ab");
  });
  it("splits full names both ways", () => {
    expect(splitFullName("Doe, Jane")).toEqual(["Jane", "Doe"]);
    expect(splitFullName("Cher")).toEqual(["Cher", null]);
  });
});

describe("validateRow with values a plan has seen before", () => {
  it("validates a repeated value exactly as the first time, and gives each row its own tag list", () => {
    const seen = compileRowPlan(headers, mapping);
    const cells = row({ Email: "a@x.test", First: "Ada", Last: "x".repeat(101), Stage: "Nope", Company: "Acme", Tags: "vip;news" });
    const first = validateRow(seen, cells, 2);
    const again = validateRow(seen, cells, 3);
    expect("errors" in first && first.errors.map((e) => [e.field, e.reason])).toEqual("errors" in again && again.errors.map((e) => [e.field, e.reason]));
    expect("errors" in again && again.errors.map((e) => e.field)).toEqual(["Last", "Stage"]);

    const good = row({ Email: "b@x.test", First: "Ada", Stage: "MQL", Company: "Acme", Tags: "vip;news" });
    const [one, two] = [validateRow(seen, good, 4), validateRow(seen, good, 5)];
    if (!("contact" in one) || !("contact" in two)) throw new Error("expected valid rows");
    expect(two.contact).toEqual({ ...one.contact, sourceRow: 5 });
    expect(two.contact.tags).toEqual(["vip", "news"]);
    expect(two.contact.tags).not.toBe(one.contact.tags);
    // A fresh plan (no cache) says the same.
    expect(validateRow(compileRowPlan(headers, mapping), good, 5)).toEqual(two);
  });
});
