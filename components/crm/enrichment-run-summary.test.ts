import { describe, expect, it } from "vitest";
import type { EnrichmentRunJson } from "./enrichment-api";
import { providerProblemLines, runSummaryText, summariseRun } from "./enrichment-run-summary";

function run(over: Partial<EnrichmentRunJson> = {}): EnrichmentRunJson {
  return {
    id: "00000000-0000-4000-8000-000000000001",
    scope: "contacts",
    targetId: "5 contacts",
    status: "completed",
    total: 5,
    done: 5,
    failed: 0,
    fieldsFilled: 0,
    progress: 1,
    providerIssues: [],
    failureSample: null,
    createdByUserId: null,
    createdAt: "2025-01-01T00:00:00.000Z",
    finishedAt: "2025-01-01T00:01:00.000Z",
    ...over,
  };
}

const offline = { provider: "website", kind: "failed" as const, count: 5, sampleReason: "could not resolve bluesun.com.au: ENOTFOUND" };

describe("summariseRun", () => {
  it("does not call a run that filled nothing because every website fetch failed a success", () => {
    const s = summariseRun(run({ providerIssues: [offline] }));
    expect(s.tone).toBe("danger");
    expect(s.hasProblems).toBe(true);
    expect(runSummaryText(run({ providerIssues: [offline] }))).toBe(
      "Enrichment finished without filling anything: 5 contacts processed · 0 fields filled · Website: failed for 5 (could not resolve bluesun.com.au: ENOTFOUND)",
    );
  });

  it("calls a run with some fields filled and some failures a partial success", () => {
    const s = summariseRun(run({ fieldsFilled: 12, providerIssues: [{ ...offline, count: 2 }] }));
    expect(s).toMatchObject({ headline: "Enrichment finished with problems", tone: "warning", counts: "5 contacts processed · 12 fields filled" });
  });

  it("is a success only without provider problems or failed contacts", () => {
    expect(summariseRun(run({ fieldsFilled: 3 }))).toMatchObject({ headline: "Enrichment finished", tone: "success", problems: [] });
    const failed = summariseRun(run({ done: 4, failed: 1, fieldsFilled: 3, failureSample: "contact not found" }));
    expect(failed.tone).toBe("warning");
    expect(failed.problems).toEqual(["1 contact could not be enriched (contact not found)"]);
  });

  it("shows progress while running", () => {
    expect(summariseRun(run({ status: "running", total: 143, done: 40, fieldsFilled: 90 }))).toMatchObject({
      headline: "Enriching",
      counts: "40 of 143 contacts processed · 90 fields filled",
      tone: "info",
    });
  });
});

describe("providerProblemLines", () => {
  it("merges a provider's kinds into one line with the most telling reason", () => {
    const lines = providerProblemLines([
      { provider: "website", kind: "recently_failed", count: 4, sampleReason: "website attempted recently (…); that attempt failed" },
      { provider: "website", kind: "failed", count: 1, sampleReason: "could not resolve bluesun.com.au: ENOTFOUND" },
      { provider: "ai", kind: "failed", count: 2, sampleReason: "x".repeat(300) },
    ]);
    expect(lines[0]).toBe("Website: failed for 1, not retried for 4 after a recent failure (could not resolve bluesun.com.au: ENOTFOUND)");
    expect(lines[1]).toMatch(/^AI: failed for 2 \(x+…\)$/);
    expect(lines[1]!.length).toBeLessThan(150);
  });
});
