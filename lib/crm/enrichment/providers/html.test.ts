// HTML extraction on the fixture pages in tests/fixtures/websites: a clean page, malformed markup, JSON-LD arrays and
// @graph, and a bare page. What a CRM user would see on the company record must come out right, and decoys must not.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeEntities, extractPageFacts, nameFromTitle, parseJsonLd, socialProfile } from "./html";
import { candidatesFromPage } from "./website";

const fixture = (name: string) => readFileSync(path.resolve(import.meta.dirname, "../../../../tests/fixtures/websites", name), "utf8");

describe("extractPageFacts", () => {
  it("reads title, description, OpenGraph, the @graph Organization and social links from a clean page", () => {
    const f = extractPageFacts(fixture("acme.html"), "https://acme.example/");
    expect(f.title).toBe("Acme Bakery | Organic sourdough from Leeds");
    expect(f.description).toBe("Organic sourdough & pastries, baked daily in Leeds.");
    expect(f.og).toEqual({ title: "Acme Bakery", description: "Organic sourdough, baked in Leeds since 2009.", siteName: "Acme Bakery" });
    expect(f.organization).toMatchObject({
      name: "Acme Bakery Ltd",
      description: "Acme Bakery bakes organic sourdough and pastries for cafés and shops across Yorkshire.",
      employees: { count: 42, exact: true },
      country: "GB",
    });
    expect(f.social).toEqual({
      linkedin: "https://www.linkedin.com/company/acme-bakery",
      x: "https://x.com/acmebakery",
      facebook: "https://www.facebook.com/AcmeBakeryLeeds",
      instagram: "https://www.instagram.com/acmebakery",
      youtube: "https://www.youtube.com/@AcmeBakery",
      github: "https://github.com/acme-bakery",
      tiktok: "https://www.tiktok.com/@acmebakery",
    });
  });

  it("ignores share buttons, personal LinkedIn profiles, links inside scripts and commented-out tags", () => {
    const html = fixture("acme.html");
    const f = extractPageFacts(html, "https://acme.example/");
    expect(JSON.stringify(f)).not.toContain("decoy_in_script");
    expect(JSON.stringify(f)).not.toContain("jane-baker");
    expect(JSON.stringify(f)).not.toContain("intent");
    expect(JSON.stringify(f)).not.toContain("sharer");
    expect(f.description).not.toContain("commented-out");
  });

  it("survives malformed markup: unquoted attributes, an unclosed title, CDATA and trailing commas in JSON-LD, a broken block", () => {
    const f = extractPageFacts(fixture("malformed.html"), "https://mueller.example/");
    expect(f.title).toBe("Müller & Söhne — Werkzeuge");
    expect(f.description).toBe("Müller & Söhne — precision tools since 1921");
    expect(f.og.siteName).toBe("Müller & Söhne");
    expect(f.organization).toMatchObject({ name: "Müller & Söhne GmbH", employees: { count: 31, exact: false }, country: "DE" });
    expect(f.social).toEqual({
      linkedin: "https://www.linkedin.com/company/mueller-soehne",
      x: "https://x.com/muellersoehne",
      facebook: "https://www.facebook.com/pages/Mueller-Soehne/12345",
    });
  });

  it("finds the site's own organisation in a top-level JSON-LD array, nested as a publisher, over a partner's", () => {
    const f = extractPageFacts(fixture("array-jsonld.html"), "https://globex.example/");
    expect(f.organization).toMatchObject({
      name: "Globex Corporation",
      description: "Logistics software for mid-size shippers.",
      employees: { count: 350, exact: false },
      country: "US",
    });
    expect(f.social).toEqual({ linkedin: "https://www.linkedin.com/company/globex", x: "https://x.com/globex" });
  });

  it("takes only what a bare page says", () => {
    const f = extractPageFacts(fixture("minimal.html"), "https://initrode.example/");
    expect(f).toEqual({ title: "Initrode — Home", description: null, og: { title: null, description: null, siteName: null }, organization: null, social: {} });
    const c = candidatesFromPage(f, "https://initrode.example/");
    expect(c).toEqual([
      { field: "company.name", value: "Initrode", confidence: 0.45 },
      { field: "company.website", value: "https://initrode.example/", confidence: 0.9 },
    ]);
  });

  it("never throws on garbage and stays fast on pathological input", () => {
    for (const junk of ["", "<", "<<<<>>>>", "<a href=", "<script>", "<!--", "<title>", "<meta content='x' name=description"]) {
      expect(() => extractPageFacts(junk)).not.toThrow();
    }
    const nasty = "<a ".repeat(200_000) + "<title>" + "x".repeat(100_000);
    const t = performance.now();
    extractPageFacts(nasty);
    expect(performance.now() - t).toBeLessThan(2_000);
  });
});

describe("website candidates", () => {
  it("prefer JSON-LD over OpenGraph over the title, and carry the declared confidences", () => {
    const f = extractPageFacts(fixture("acme.html"), "https://acme.example/");
    const c = Object.fromEntries(candidatesFromPage(f, "https://acme.example/home").map((x) => [x.field, x]));
    expect(c["company.name"]).toMatchObject({ value: "Acme Bakery Ltd", confidence: 0.8 });
    expect(c["company.description"]).toMatchObject({ confidence: 0.8 });
    expect(c["company.employeeCount"]).toMatchObject({ value: 42, confidence: 0.7 });
    expect(c["company.country"]).toMatchObject({ value: "GB", confidence: 0.8 });
    expect(c["company.website"]).toMatchObject({ value: "https://acme.example/" });
    expect(c["company.social.tiktok"]).toMatchObject({ value: "https://www.tiktok.com/@acmebakery" });
  });
});

describe("helpers", () => {
  it("decodes named and numeric entities, leaving unknown ones", () => {
    expect(decodeEntities("a &amp; b &#39;c&#x27; &mdash; &unknown; &#0;")).toBe("a & b 'c' — &unknown; &#0;");
  });
  it("parses JSON-LD with CDATA, trailing commas and raw newlines in strings", () => {
    expect(parseJsonLd('//<![CDATA[\n{"name":"A\nB","x":[1,2,],}\n//]]>')).toEqual({ name: "A B", x: [1, 2] });
    expect(parseJsonLd("{ nope")).toBeNull();
  });
  it("reads a site name from a title", () => {
    expect(nameFromTitle("Acme Bakery | Fresh bread and cakes in Leeds")).toBe("Acme Bakery");
    expect(nameFromTitle("Welcome to our online shop — Globex")).toBe("Globex");
  });
  it("recognises profiles, not posts or share links", () => {
    expect(socialProfile("https://www.linkedin.com/company/acme/about/")).toEqual({ network: "linkedin", url: "https://www.linkedin.com/company/acme" });
    expect(socialProfile("https://www.linkedin.com/in/someone")).toBeNull();
    expect(socialProfile("https://mobile.twitter.com/acme")).toEqual({ network: "x", url: "https://x.com/acme" });
    expect(socialProfile("https://www.youtube.com/channel/UC123")).toEqual({ network: "youtube", url: "https://www.youtube.com/channel/UC123" });
    expect(socialProfile("https://www.instagram.com/reel/abc")).toBeNull();
    expect(socialProfile("javascript:alert(1)")).toBeNull();
    expect(socialProfile("https://notgithub.com/acme")).toBeNull();
  });
});
