// Public face of waterfall enrichment: runs and their progress, the one-contact waterfall, the allow-list, the fetcher's
// errors and the providers' pure helpers. Routes, actions and other engines import from here, never from the files behind it.
export * from "./allow-hosts";
export * from "./jobs";
export * from "./merge";
export * from "./provenance";
export * from "./rate-limit";
export * from "./runs";
export * from "./schemas";
export { classifyAddress, normaliseHost, safeFetch, SafeFetchError, SAFE_FETCH_LIMITS, vetAddress, type Resolver, type SafeFetchOptions, type SafeFetchResult } from "./safe-fetch";
export { runWaterfall, type EnrichmentReport, type FilledField, type ProviderIssue, type ProviderReport, type WaterfallOptions } from "./waterfall";
export { DEFAULT_PROVIDERS } from "./providers";
export type { CompanyField, ContactField, EnrichmentProvider, FieldPath, SocialNetwork } from "./providers/types";
export { analyseEmail, companyNameFromDomain, guessName, isRoleAccount } from "./providers/email";
export { analysePhone } from "./providers/phone";
export { departmentOf, seniorityOf, DEPARTMENTS, SENIORITIES } from "./providers/title";
export { extractPageFacts } from "./providers/html";
