// The AI company summary: asks the gateway (task "enrichment") for a short factual summary from what is known so far, and
// records which provider answered ("offline" for the built-in templates). It never sends contact personal data to a model.
import { complete } from "@/lib/gateway";
import type { Candidate, EnrichmentProvider } from "./types";

/** A model's summary is trusted more than the offline template, so a later run with a real model can replace it. */
export const SUMMARY_CONFIDENCE = { model: 0.8, offline: 0.5 };

const SYSTEM_PROMPT =
  "You write CRM company summaries. In two or three plain sentences, say what the company does and for whom, using only the " +
  "facts given. Where a fact is missing, say it is unknown; never invent numbers, customers, awards or history.";

export const aiSummaryProvider: EnrichmentProvider = {
  name: "ai",
  fields: { "company.summary": SUMMARY_CONFIDENCE.model },
  precondition: ({ subject }) => (subject.company && (subject.company.name || subject.company.domain) ? null : "no company to summarise"),
  async run({ ctx, subject, hints }) {
    const company = subject.company!;
    const input = {
      companyName: company.name ?? undefined,
      domain: company.domain ?? undefined,
      title: hints.pageTitle,
      description: company.description ?? undefined,
      industry: company.industry ?? undefined,
    };
    const facts = Object.entries(input)
      .filter(([, v]) => v)
      .map(([k, v]) => `${k}: ${v}`)
      .join("\n");
    const answer = await complete(ctx, {
      task: "enrichment",
      messages: [
        { role: "system", content: SYSTEM_PROMPT },
        { role: "user", content: `Summarise this company.\n${facts}` },
      ],
      input,
      maxTokens: 300,
      temperature: 0.2,
    });
    const text = answer.text.replace(/\s+/g, " ").trim().slice(0, 2000);
    if (!text) return [];
    const provider = answer.offline ? "offline" : answer.cacheHit ? `${answer.providerKind} (cached)` : answer.providerName;
    const out: Candidate = {
      field: "company.summary",
      value: text,
      confidence: answer.offline ? SUMMARY_CONFIDENCE.offline : SUMMARY_CONFIDENCE.model,
      provenanceProvider: provider,
    };
    return [out];
  },
};
