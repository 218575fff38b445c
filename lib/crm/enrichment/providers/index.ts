// The providers in waterfall order: cheap, local analysis first; the website fetch and the AI summary last, so they run
// only for what is still missing. Never reorder without checking what each provider reads from the ones before it.
import { aiSummaryProvider } from "./ai-summary";
import { emailProvider } from "./email";
import { phoneProvider } from "./phone";
import { titleProvider } from "./title";
import type { EnrichmentProvider } from "./types";
import { websiteProvider } from "./website";

/** email (company domain) → phone → title → website (needs the domain) → ai (reads what the website found). */
export const DEFAULT_PROVIDERS: EnrichmentProvider[] = [emailProvider, phoneProvider, titleProvider, websiteProvider, aiSummaryProvider];

export { aiSummaryProvider, emailProvider, phoneProvider, titleProvider, websiteProvider };
export * from "./types";
