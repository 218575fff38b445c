// Email analysis: the free/corporate/disposable classes come from the maintained lists, role mailboxes are recognised,
// and name guesses are made only where the local part supports them, with confidences below the waterfall's threshold.
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIDENCE_THRESHOLD } from "../merge";
import { analyseEmail, companyNameFromDomain, emailProvider, emailType, guessName, isRoleAccount } from "./email";

describe("email classes", () => {
  it("tells free-mail, disposable and corporate domains apart", () => {
    expect(emailType("gmail.com")).toBe("free");
    expect(emailType("yahoo.co.uk")).toBe("free");
    expect(emailType("mailinator.com")).toBe("disposable");
    expect(emailType("10minutemail.com")).toBe("disposable");
    expect(emailType("acme-bakery.co.uk")).toBe("corporate");
  });

  it("treats subdomains of wildcard disposable domains as disposable", () => {
    // 33mail.com is on the package's wildcard list: every subdomain hands out throwaway addresses.
    expect(emailType("someone.33mail.com")).toBe("disposable");
  });

  it("gives a company domain for corporate addresses only", () => {
    expect(analyseEmail("Jane.Doe@Acme-Bakery.co.uk")).toMatchObject({ type: "corporate", companyDomain: "acme-bakery.co.uk", roleAccount: false });
    expect(analyseEmail("jane.doe@gmail.com")).toMatchObject({ type: "free", companyDomain: null });
    expect(analyseEmail("jane@mailinator.com")).toMatchObject({ type: "disposable", companyDomain: null });
    expect(analyseEmail("not-an-email")).toBeNull();
  });
});

describe("role accounts", () => {
  it.each(["info@acme.example", "sales@acme.example", "support@acme.example", "admin@acme.example", "noreply@acme.example", "no-reply@acme.example", "info.london@acme.example", "sales-team@acme.example", "hello+crm@acme.example"])(
    "%s is a role account",
    (e) => expect(isRoleAccount(e)).toBe(true),
  );
  it.each(["jane.doe@acme.example", "jdoe@acme.example", "mark.sales@acme.example"])("%s is a person", (e) => expect(isRoleAccount(e)).toBe(false));
  it("guesses no name for a role account", () => expect(guessName("info@acme.example")).toBeNull());
});

describe("name guesses", () => {
  it.each([
    ["jane.doe@acme.example", "Jane", "Doe", 0.5],
    ["jane_doe@acme.example", "Jane", "Doe", 0.5],
    ["jane-doe@acme.example", "Jane", "Doe", 0.5],
    ["mary-jane.o'brien@acme.example", "Mary-Jane", "O'Brien", 0.5],
    ["jane.m.doe87@acme.example", "Jane", "Doe", 0.5],
    ["jane.doe+news@acme.example", "Jane", "Doe", 0.5],
    ["janedoe@acme.example", "Jane", "Doe", 0.35],
    ["jane@acme.example", "Jane", null, 0.4],
    ["j.doe@acme.example", null, "Doe", 0.4],
    ["jane.d@acme.example", "Jane", null, 0.45],
    ["jdoe@acme.example", null, "Doe", 0.25],
  ])("%s → %s %s (%s)", (email, firstName, lastName, confidence) => {
    expect(guessName(email)).toEqual({ firstName, lastName, confidence });
  });

  it("declines what it cannot read", () => {
    expect(guessName("x@acme.example")).toBeNull();
    expect(guessName("12345@acme.example")).toBeNull();
    expect(guessName("j.d@acme.example")).toBeNull();
    expect(guessName("xkcd@acme.example")).toBeNull();
  });

  it("keeps every guess below the threshold, so a better source can replace it", () => {
    for (const [field, conf] of Object.entries(emailProvider.fields)) {
      if (field === "contact.firstName" || field === "contact.lastName" || field === "company.name") expect(conf).toBeLessThan(DEFAULT_CONFIDENCE_THRESHOLD);
    }
  });
});

describe("company names from domains", () => {
  it.each([
    ["acme-bakery.co.uk", "Acme Bakery"],
    ["globex.com", "Globex"],
    ["eu.initech.io", "Initech"],
    ["localhost", null],
  ])("%s → %s", (d, name) => expect(companyNameFromDomain(d)).toBe(name));
});
