// The company website provider: fetches the company's homepage through the SSRF-safe fetcher and turns its title,
// meta description, OpenGraph, JSON-LD Organization and social links into company fields. It never fetches without a host.
import { SafeFetchError } from "../safe-fetch";
import { extractPageFacts, nameFromTitle, type PageFacts } from "./html";
import { SOCIAL_NETWORKS, type Candidate, type CompanyValues, type EnrichmentProvider, type FieldPath } from "./types";

/** Provenance key (in companies.provenance) recording the last fetch attempt, so bulk runs do not re-fetch every time. */
export const WEBSITE_MARKER = "_website";
export const WEBSITE_REFRESH_MS = { ok: 30 * 24 * 3600_000, failed: 24 * 3600_000 };

/** The URLs to try, best first: the stored website, else the domain over https then http. */
export function homepageUrls(company: Pick<CompanyValues, "website" | "domain">): string[] {
  const site = company.website?.trim();
  if (site) return /^https?:\/\//i.test(site) ? [site] : [`https://${site}`, `http://${site}`];
  if (company.domain) return [`https://${company.domain}/`, `http://${company.domain}/`];
  return [];
}

/** Company candidates from a page's facts. */
export function candidatesFromPage(facts: PageFacts, finalUrl: string): Candidate[] {
  const out: Candidate[] = [];
  const org = facts.organization;
  const name = org?.name ? { v: org.name, c: 0.8 } : facts.og.siteName ? { v: facts.og.siteName, c: 0.7 } : null;
  const fromTitle = !name && facts.title ? nameFromTitle(facts.title) : null;
  if (name) out.push({ field: "company.name", value: name.v, confidence: name.c });
  else if (fromTitle) out.push({ field: "company.name", value: fromTitle, confidence: 0.45 });

  const description = org?.description
    ? { v: org.description, c: 0.8 }
    : facts.og.description
      ? { v: facts.og.description, c: 0.75 }
      : facts.description
        ? { v: facts.description, c: 0.75 }
        : null;
  if (description) out.push({ field: "company.description", value: description.v, confidence: description.c });

  if (org?.employees) out.push({ field: "company.employeeCount", value: org.employees.count, confidence: org.employees.exact ? 0.7 : 0.5 });
  if (org?.country) out.push({ field: "company.country", value: org.country, confidence: 0.8 });
  try {
    out.push({ field: "company.website", value: `${new URL(finalUrl).origin}/`, confidence: 0.9 });
  } catch {
    // The fetcher only returns parseable URLs; nothing to add otherwise.
  }
  for (const n of SOCIAL_NETWORKS) {
    const url = facts.social[n];
    if (url) out.push({ field: `company.social.${n}` as FieldPath, value: url, confidence: 0.8 });
  }
  return out;
}

function recentlyFetched(marker: { at: string; provider: string } | undefined, now: Date): string | null {
  if (!marker) return null;
  const age = now.getTime() - new Date(marker.at).getTime();
  const failed = marker.provider.endsWith(":failed");
  const limit = failed ? WEBSITE_REFRESH_MS.failed : WEBSITE_REFRESH_MS.ok;
  return age >= 0 && age < limit ? `website ${failed ? "attempted" : "fetched"} recently (${marker.at})` : null;
}

export const websiteProvider: EnrichmentProvider = {
  name: "website",
  marker: WEBSITE_MARKER,
  fields: {
    "company.name": 0.8,
    "company.description": 0.8,
    "company.website": 0.9,
    "company.employeeCount": 0.7,
    "company.country": 0.8,
    ...Object.fromEntries(SOCIAL_NETWORKS.map((n) => [`company.social.${n}`, 0.8])),
  },
  precondition: ({ subject, now, force }) => {
    if (!subject.company || homepageUrls(subject.company).length === 0) return "no company website or domain";
    return force ? null : recentlyFetched(subject.companyProvenance[WEBSITE_MARKER], now);
  },
  async run(pc) {
    const urls = homepageUrls(pc.subject.company!);
    let lastError: unknown;
    for (const url of urls) {
      try {
        const page = await pc.fetchPage(url);
        const facts = extractPageFacts(page.html, page.url);
        if (facts.title) pc.hints.pageTitle = facts.title;
        pc.hints.pageUrl = page.url;
        return candidatesFromPage(facts, page.url);
      } catch (e) {
        lastError = e;
        // Only a failed https connection is worth an http try; a refusal, a timeout or a bad answer is final.
        const retryable = e instanceof SafeFetchError && e.code === "NETWORK" && url.startsWith("https:");
        if (!retryable) break;
      }
    }
    throw lastError;
  },
};
