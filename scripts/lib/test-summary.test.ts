// Unit tests for `npm test`'s bookkeeping: CI trusts the closing line, so a miscount would hide failures.
// Never spawn tools here; feed the pure functions the reports and exit codes the tools would produce.
import { describe, expect, it } from "vitest";
import {
  closingLine,
  crashedTier,
  exitCodeFor,
  firstLine,
  formatFailures,
  formatTable,
  fromPlaywrightReport,
  fromVitestReport,
  singleCheck,
  totals,
} from "./test-summary";

describe("singleCheck", () => {
  it("counts a clean exit as one pass and anything else as one failure", () => {
    expect(singleCheck("typecheck", 0, 10)).toMatchObject({ passed: 1, failed: 0, status: "passed" });
    expect(singleCheck("lint", 1, 10)).toMatchObject({ passed: 0, failed: 1, status: "failed", note: "exit code 1" });
    expect(singleCheck("lint", null, 10)).toMatchObject({ failed: 1, note: "killed by a signal" });
  });
});

describe("fromVitestReport", () => {
  it("takes passed, failed and skipped (pending + todo) from the report", () => {
    const r = fromVitestReport(
      "unit",
      { numPassedTests: 7, numFailedTests: 2, numPendingTests: 1, numTodoTests: 1, testResults: [] },
      1,
      5,
    );
    expect(r).toMatchObject({ passed: 7, failed: 2, skipped: 2, status: "failed" });
  });

  it("counts a file that failed without a failing test (import error) as a failure", () => {
    const r = fromVitestReport(
      "integration",
      {
        numPassedTests: 3,
        numFailedTests: 0,
        testResults: [
          { name: "a.test.ts", status: "passed", assertionResults: [{ status: "passed" }] },
          { name: "b.test.ts", status: "failed", message: "Cannot find module", assertionResults: [] },
        ],
      },
      1,
      5,
    );
    expect(r).toMatchObject({ passed: 3, failed: 1, status: "failed" });
    expect(r.note).toContain("outside a test");
  });

  it("does not double-count a file whose tests already failed", () => {
    const r = fromVitestReport(
      "unit",
      {
        numPassedTests: 0,
        numFailedTests: 1,
        testResults: [{ status: "failed", assertionResults: [{ status: "failed" }] }],
      },
      1,
      5,
    );
    expect(r.failed).toBe(1);
  });

  it("turns a non-zero exit with nothing failed into one failure", () => {
    const r = fromVitestReport("unit", { numPassedTests: 4, numFailedTests: 0, testResults: [] }, 1, 5);
    expect(r).toMatchObject({ passed: 4, failed: 1, status: "failed" });
  });

  it("reports zero tests as 'no tests', not as a failure", () => {
    const r = fromVitestReport("integration", { numPassedTests: 0, numFailedTests: 0, testResults: [] }, 0, 5);
    expect(r).toMatchObject({ passed: 0, failed: 0, status: "no tests" });
  });
});

describe("fromPlaywrightReport", () => {
  it("counts expected and flaky as passed, unexpected as failed", () => {
    const r = fromPlaywrightReport("e2e", { stats: { expected: 5, unexpected: 1, flaky: 1, skipped: 2 }, errors: [] }, 1, 5);
    expect(r).toMatchObject({ passed: 6, failed: 1, skipped: 2, status: "failed" });
  });

  it("counts top-level errors such as a webServer that never started", () => {
    const r = fromPlaywrightReport(
      "e2e",
      { stats: { expected: 0, unexpected: 0, flaky: 0, skipped: 0 }, errors: [{ message: "webServer timed out" }] },
      1,
      5,
    );
    expect(r).toMatchObject({ passed: 0, failed: 1, status: "failed" });
  });

  it("passes a clean run", () => {
    const r = fromPlaywrightReport("e2e", { stats: { expected: 3, unexpected: 0, flaky: 0, skipped: 0 }, errors: [] }, 0, 5);
    expect(r).toMatchObject({ passed: 3, failed: 0, status: "passed" });
  });
});

describe("closing line and exit code", () => {
  const results = [
    singleCheck("typecheck", 0, 1000),
    singleCheck("lint", 2, 1000),
    fromVitestReport("unit", { numPassedTests: 10, numFailedTests: 0, numPendingTests: 3, testResults: [] }, 0, 2000),
    crashedTier("integration", "vitest wrote no report", 100),
    fromPlaywrightReport("e2e", { stats: { expected: 4, unexpected: 0 }, errors: [] }, 0, 60_000),
  ];

  it("sums over tiers and prints exactly `N passed, N failed`", () => {
    expect(totals(results)).toEqual({ passed: 15, failed: 2, skipped: 3 });
    expect(closingLine(results)).toBe("15 passed, 2 failed");
  });

  it("fails the run when any tier failed or crashed", () => {
    expect(exitCodeFor(results, 5)).toBe(1);
    expect(exitCodeFor([singleCheck("typecheck", 0, 1), crashedTier("lint", "boom", 1)], 2)).toBe(1);
  });

  it("fails the run when a tier is missing, and passes only a complete clean run", () => {
    const clean = [singleCheck("typecheck", 0, 1), singleCheck("lint", 0, 1)];
    expect(exitCodeFor(clean, 3)).toBe(1);
    expect(exitCodeFor(clean, 2)).toBe(0);
  });

  it("passes a run whose only oddity is a tier with no tests", () => {
    const noTests = fromVitestReport("integration", { numPassedTests: 0, numFailedTests: 0, testResults: [] }, 0, 1);
    expect(exitCodeFor([singleCheck("typecheck", 0, 1), noTests], 2)).toBe(0);
  });

  it("renders one aligned row per tier plus a totals row", () => {
    const lines = formatTable(results).split("\n");
    // header, rule, 5 tiers, rule, total
    expect(lines).toHaveLength(9);
    expect(lines[0]).toMatch(/^tier\s+status\s+passed\s+failed\s+skipped\s+time\s+note$/);
    expect(lines[5]).toContain("vitest wrote no report");
    expect(lines[8]).toMatch(/^total\s+15\s+2\s+3\s+/);
    // Column starts line up: "status" sits at the same offset as every tier's status.
    const statusAt = lines[0]!.indexOf("status");
    expect(lines[2]!.slice(statusAt).startsWith("passed")).toBe(true);
    expect(lines[3]!.slice(statusAt).startsWith("failed")).toBe(true);
  });
});

describe("failure lines", () => {
  it("names each failing vitest test and a broken file, with the first line of the error", () => {
    const r = fromVitestReport(
      "integration",
      {
        numPassedTests: 1,
        numFailedTests: 1,
        testResults: [
          {
            name: "/tmp/ci7/tests/integration/a.test.ts",
            status: "failed",
            assertionResults: [
              { status: "passed", fullName: "a works" },
              { status: "failed", fullName: "a breaks", failureMessages: ["\u001b[31mAssertionError: expected 1 to be 2\u001b[39m\n    at x"] },
            ],
          },
          { name: "/tmp/ci7/lib/b.int.test.ts", status: "failed", message: "Cannot find module 'x'", assertionResults: [] },
        ],
      },
      1,
      5,
    );
    expect(r.failures).toEqual([
      "tests/integration/a.test.ts › a breaks: AssertionError: expected 1 to be 2",
      "lib/b.int.test.ts: Cannot find module 'x'",
    ]);
  });

  it("names each unexpected Playwright test in nested suites, and errors outside a test", () => {
    const r = fromPlaywrightReport(
      "e2e",
      {
        stats: { expected: 1, unexpected: 1 },
        errors: [{ message: "webServer exited early" }],
        suites: [
          {
            suites: [
              {
                specs: [
                  { title: "ok", file: "crm/a.spec.ts", line: 3, tests: [{ status: "expected", results: [] }] },
                  {
                    title: "broken",
                    file: "crm/a.spec.ts",
                    line: 9,
                    tests: [{ status: "unexpected", results: [{ status: "timedOut", error: { message: "\nTimeout 5000ms" } }] }],
                  },
                ],
              },
            ],
          },
        ],
      },
      1,
      5,
    );
    expect(r.failures).toEqual(["crm/a.spec.ts:9 › broken: Timeout 5000ms", "outside a test: webServer exited early"]);
  });

  it("lists failures tier by tier with a cap, and nothing for a clean run", () => {
    const failing = { ...crashedTier("unit", "x", 1), failures: ["a: 1", "b: 2", "c: 3"] };
    expect(formatFailures([failing], 2)).toBe("failures:\n  [unit] a: 1\n  [unit] b: 2\n  ... and 1 more");
    expect(formatFailures([singleCheck("lint", 0, 1)])).toBe("");
  });

  it("cuts a long first line and says when there is no message", () => {
    expect(firstLine(undefined)).toBe("(no message)");
    expect(firstLine("x".repeat(400))).toHaveLength(300);
  });
});
