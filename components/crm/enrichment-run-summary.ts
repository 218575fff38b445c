// How an enrichment run reads to a person: a one-line summary, its provider problems ("Website: failed for 5 (…)") and
// a tone. Never call a run a success when a provider failed: a run that filled nothing because providers failed is a problem.
import type { EnrichmentRunJson } from "./enrichment-api";
import { formatCount, providerLabel } from "./crm-format";

export type RunTone = "info" | "success" | "warning" | "danger" | "neutral";

export interface RunSummary {
  /** e.g. "Enrichment finished with problems". */
  headline: string;
  /** e.g. "5 contacts processed · 0 fields filled". */
  counts: string;
  /** One line per provider that failed, and one for contacts that could not be enriched at all. */
  problems: string[];
  tone: RunTone;
  /** A finished run with problems: the headline and tone say so. */
  hasProblems: boolean;
}

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? "" : "s"}`;
}

function clip(reason: string, max = 120): string {
  return reason.length > max ? `${reason.slice(0, max - 1)}…` : reason;
}

/** One line per provider: "Website: failed for 1, not retried for 4 after a recent failure (could not resolve …)". */
export function providerProblemLines(issues: EnrichmentRunJson["providerIssues"]): string[] {
  const byProvider = new Map<string, EnrichmentRunJson["providerIssues"]>();
  for (const issue of issues) byProvider.set(issue.provider, [...(byProvider.get(issue.provider) ?? []), issue]);
  const lines: string[] = [];
  for (const [provider, list] of byProvider) {
    const count = (kind: string) => list.filter((i) => i.kind === kind).reduce((n, i) => n + i.count, 0);
    const failed = count("failed");
    const recent = count("recently_failed");
    const limited = count("rate_limited");
    const parts: string[] = [];
    if (failed) parts.push(`failed for ${formatCount(failed)}`);
    if (recent) parts.push(`not retried for ${formatCount(recent)} after a recent failure`);
    if (limited) parts.push(`rate-limited for ${formatCount(limited)}`);
    if (!parts.length) continue;
    // The most telling reason: an actual failure first, then a rate limit, then "failed recently".
    const sample = ["failed", "rate_limited", "recently_failed"].map((k) => list.find((i) => i.kind === k && i.sampleReason)).find(Boolean);
    lines.push(`${providerLabel(provider)}: ${parts.join(", ")}${sample ? ` (${clip(sample.sampleReason)})` : ""}`);
  }
  return lines;
}

export function summariseRun(run: EnrichmentRunJson): RunSummary {
  const settled = run.done + run.failed;
  const problems = providerProblemLines(run.providerIssues);
  if (run.failed) problems.push(`${plural(run.failed, "contact")} could not be enriched${run.failureSample ? ` (${clip(run.failureSample)})` : ""}`);
  const counts = [
    run.status === "queued" || run.status === "running" ? `${formatCount(settled)} of ${plural(run.total, "contact")} processed` : `${plural(settled, "contact")} processed`,
    plural(run.fieldsFilled, "field") + " filled",
  ].join(" · ");
  const hasProblems = problems.length > 0;

  if (run.status === "queued" || run.status === "running") {
    return { headline: run.status === "queued" ? "Enrichment queued" : "Enriching", counts, problems, tone: "info", hasProblems };
  }
  if (run.status === "failed") return { headline: "Enrichment failed", counts, problems, tone: "danger", hasProblems: true };
  if (run.status === "cancelled") return { headline: "Enrichment cancelled", counts, problems, tone: "neutral", hasProblems };
  if (!hasProblems) {
    return { headline: run.total === 0 ? "Enrichment finished: nothing to enrich" : "Enrichment finished", counts, problems, tone: "success", hasProblems };
  }
  // Nothing was filled and something failed: that is not a success, whatever the status column says.
  if (run.fieldsFilled === 0) return { headline: "Enrichment finished without filling anything", counts, problems, tone: "danger", hasProblems };
  return { headline: "Enrichment finished with problems", counts, problems, tone: "warning", hasProblems };
}

/** The whole summary on one line, for a status banner: "Enrichment finished with problems: 5 contacts processed · … · Website: …". */
export function runSummaryText(run: EnrichmentRunJson): string {
  const s = summariseRun(run);
  return [`${s.headline}: ${s.counts}`, ...s.problems].join(" · ");
}
