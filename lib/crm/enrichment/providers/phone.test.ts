// Phone normalisation: E.164 and country from any common format; a national number needs the contact's country.
import { describe, expect, it } from "vitest";
import { analysePhone, phoneProvider } from "./phone";

describe("analysePhone", () => {
  it.each([
    ["+44 20 7183 8750", null, "+442071838750", "GB"],
    ["020 7183 8750", "GB", "+442071838750", "GB"],
    ["(212) 555-0187", "us", "+12125550187", "US"],
    ["+49 30 901820", null, "+4930901820", "DE"],
    ["0049 30 901820", "DE", "+4930901820", "DE"],
  ])("%s (default %s) → %s in %s", (raw, country, e164, cc) => {
    expect(analysePhone(raw, country)).toMatchObject({ e164, country: cc });
  });

  it("refuses what is not a valid number", () => {
    expect(analysePhone("020 7183 8750")).toBeNull();
    expect(analysePhone("12")).toBeNull();
    expect(analysePhone("call me")).toBeNull();
    expect(analysePhone("")).toBeNull();
  });
});

describe("phoneProvider", () => {
  const run = (phone: string | null, country: string | null = null) =>
    phoneProvider.run({
      subject: {
        contact: { id: "c", email: null, firstName: null, lastName: null, phone, title: null, seniority: null, department: null, country, companyId: null, custom: {} },
        contactProvenance: {},
        company: null,
        companyProvenance: {},
      },
    } as never);

  it("proposes the E.164 form as a reformatting, and the country as a hint", async () => {
    expect(await run("020 7183 8750", "GB")).toEqual([
      { field: "contact.phone", value: "+442071838750", confidence: 0.95, replacesEquivalent: true },
      { field: "contact.country", value: "GB", confidence: 0.6 },
    ]);
  });

  it("proposes no phone change when it is already E.164", async () => {
    expect(await run("+442071838750")).toEqual([{ field: "contact.country", value: "GB", confidence: 0.6 }]);
  });

  it("leaves an unreadable number alone", async () => {
    expect(await run("ext. 42")).toEqual([]);
  });
});
