import { describe, expect, it } from "vitest";
import { isValidEmail, normaliseCountry, normaliseDomain, normaliseEmail, normalisePhone, normaliseTags } from "./normalize";

describe("CRM normalisers", () => {
  it("lower-cases and validates emails", () => {
    expect(normaliseEmail("  Ann@Example.COM ")).toBe("ann@example.com");
    expect(isValidEmail("ann@example.com")).toBe(true);
    expect(isValidEmail("ann@localhost")).toBe(false);
    expect(isValidEmail("ann example@x.com")).toBe(false);
  });
  it("writes phones as E.164 or refuses them", () => {
    expect(normalisePhone("+1 (415) 555-0100")).toBe("+14155550100");
    expect(normalisePhone("020 7183 8750", "GB")).toBe("+442071838750");
    expect(normalisePhone("020 7183 8750")).toBeNull();
    expect(normalisePhone("12")).toBeNull();
  });
  it("reads countries by code, alias or name", () => {
    expect(normaliseCountry("de")).toBe("DE");
    expect(normaliseCountry("UK")).toBe("GB");
    expect(normaliseCountry("United Kingdom")).toBe("GB");
    expect(normaliseCountry("usa")).toBe("US");
    expect(normaliseCountry("Atlantis")).toBeNull();
    expect(normaliseCountry("ZZ")).toBeNull();
  });
  it("reduces URLs to a bare domain", () => {
    expect(normaliseDomain("https://www.Example.com/about?x=1")).toBe("example.com");
    expect(normaliseDomain("not a domain")).toBeNull();
  });
  it("dedupes tags case-insensitively", () => {
    expect(normaliseTags([" VIP", "vip", "", "Beta"])).toEqual(["vip", "beta"]);
  });
});
