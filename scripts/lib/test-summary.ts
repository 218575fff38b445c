// Pure bookkeeping for `npm test`: turns each tier's exit code and JSON report into counts, a table and the closing line.
// Never spawn, read files or print here; scripts/test.ts does the I/O so that this stays unit-testable.

export type TierStatus = "passed" | "failed" | "no tests" | "crashed" | "skipped";

export interface TierCounts {
  passed: number;
  failed: number;
  skipped: number;
}

export interface TierResult extends TierCounts {
  name: string;
  status: TierStatus;
  durationMs: number;
  /** Why a tier failed without failing tests (crash, missing report, build error...). */
  note?: string;
  /** One line per failing test or broken file: where it is and the first line of its error. */
  failures?: string[];
}

/** A tier that is one check (typecheck, lint): its exit code is the whole verdict. */
export function singleCheck(name: string, exitCode: number | null, durationMs: number): TierResult {
  const ok = exitCode === 0;
  return {
    name,
    status: ok ? "passed" : "failed",
    passed: ok ? 1 : 0,
    failed: ok ? 0 : 1,
    skipped: 0,
    durationMs,
    note: ok ? undefined : exitNote(exitCode),
  };
}

/** A tier that could not produce a report at all counts as one failure, so the run can never look green. */
export function crashedTier(name: string, note: string, durationMs: number): TierResult {
  return { name, status: "crashed", passed: 0, failed: 1, skipped: 0, durationMs, note };
}

function exitNote(exitCode: number | null): string {
  return exitCode === null ? "killed by a signal" : `exit code ${exitCode}`;
}

// The parts of vitest's JSON report (Jest-compatible shape) that we read.
interface VitestFileResult {
  name?: string;
  status?: string;
  message?: string;
  assertionResults?: { status?: string; fullName?: string; title?: string; failureMessages?: string[] }[];
}
interface VitestReport {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  testResults?: VitestFileResult[];
}

/**
 * Counts from a vitest JSON report. A test file that failed without any failing test (it threw on import, or a hook
 * failed) counts as one failure, and so does a non-zero exit with nothing failed (e.g. an unhandled error).
 */
export function fromVitestReport(name: string, report: unknown, exitCode: number | null, durationMs: number): TierResult {
  const r = (report ?? {}) as VitestReport;
  const passed = r.numPassedTests ?? 0;
  let failed = r.numFailedTests ?? 0;
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  const notes: string[] = [];

  const brokenFiles = (r.testResults ?? []).filter(
    (f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed"),
  );
  if (brokenFiles.length > 0) {
    failed += brokenFiles.length;
    notes.push(`${brokenFiles.length} file(s) failed outside a test`);
  }
  if (exitCode !== 0 && failed === 0) {
    failed = 1;
    notes.push(`${exitNote(exitCode)} with no failing test`);
  }
  const failures: string[] = [];
  for (const file of r.testResults ?? []) {
    const where = relativeName(file.name);
    for (const a of file.assertionResults ?? []) {
      if (a.status === "failed") failures.push(`${where} › ${a.fullName ?? a.title ?? "?"}: ${firstLine(a.failureMessages?.[0])}`);
    }
    if (brokenFiles.includes(file)) failures.push(`${where}: ${firstLine(file.message)}`);
  }
  return finish(name, { passed, failed, skipped }, durationMs, notes, failures);
}

// The parts of Playwright's JSON report that we read.
interface PlaywrightResult {
  status?: string;
  error?: { message?: string };
  errors?: { message?: string }[];
}
interface PlaywrightSpec {
  title?: string;
  file?: string;
  line?: number;
  tests?: { status?: string; results?: PlaywrightResult[] }[];
}
interface PlaywrightSuite {
  specs?: PlaywrightSpec[];
  suites?: PlaywrightSuite[];
}
interface PlaywrightReport {
  stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number };
  errors?: { message?: string }[];
  suites?: PlaywrightSuite[];
}

/**
 * Counts from a Playwright JSON report. With retries off, "flaky" cannot occur, but if retries are turned on a test
 * that passed on retry still passed. Top-level errors (webServer failed to start, a spec file failed to load) are
 * failures of their own.
 */
export function fromPlaywrightReport(
  name: string,
  report: unknown,
  exitCode: number | null,
  durationMs: number,
): TierResult {
  const r = (report ?? {}) as PlaywrightReport;
  const stats = r.stats ?? {};
  const passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
  let failed = stats.unexpected ?? 0;
  const skipped = stats.skipped ?? 0;
  const notes: string[] = [];
  const errors = r.errors?.length ?? 0;
  if (errors > 0) {
    failed += errors;
    notes.push(`${errors} error(s) outside a test`);
  }
  if (exitCode !== 0 && failed === 0) {
    failed = 1;
    notes.push(`${exitNote(exitCode)} with no failing test`);
  }
  const failures: string[] = [];
  const walk = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== "unexpected") continue;
        const last = t.results?.at(-1);
        const message = last?.error?.message ?? last?.errors?.[0]?.message ?? last?.status;
        failures.push(`${spec.file ?? "?"}:${spec.line ?? "?"} › ${spec.title ?? "?"}: ${firstLine(message)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of r.suites ?? []) walk(suite);
  for (const e of r.errors ?? []) failures.push(`outside a test: ${firstLine(e?.message)}`);
  return finish(name, { passed, failed, skipped }, durationMs, notes, failures);
}

/** The first non-empty line of an error message, without ANSI colours, cut to a readable length. */
export function firstLine(message: string | undefined): string {
  const plain = (message ?? "").replace(/\u001b\[[0-9;]*m/g, "");
  const line = plain.split("\n").find((l) => l.trim() !== "")?.trim() ?? "(no message)";
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

function relativeName(file: string | undefined): string {
  if (!file) return "?";
  const at = file.search(/\/(tests|lib|components|scripts|bench|e2e)\//);
  return at >= 0 ? file.slice(at + 1) : file;
}

/** The failures of every tier, one per line, for the end of the log where CI's tail shows them. */
export function formatFailures(results: readonly TierResult[], limit = 30): string {
  const all = results.flatMap((r) => (r.failures ?? []).map((f) => `[${r.name}] ${f}`));
  if (all.length === 0) return "";
  const shown = all.slice(0, limit);
  if (all.length > limit) shown.push(`... and ${all.length - limit} more`);
  return ["failures:", ...shown.map((f) => `  ${f}`)].join("\n");
}

function finish(
  name: string,
  counts: TierCounts,
  durationMs: number,
  notes: string[],
  failures: string[] = [],
): TierResult {
  const status: TierStatus =
    counts.failed > 0 ? "failed" : counts.passed === 0 && counts.skipped === 0 ? "no tests" : "passed";
  return {
    name,
    status,
    ...counts,
    durationMs,
    note: notes.length > 0 ? notes.join("; ") : undefined,
    ...(failures.length > 0 ? { failures } : {}),
  };
}

export function totals(results: readonly TierResult[]): TierCounts {
  return results.reduce(
    (sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }),
    { passed: 0, failed: 0, skipped: 0 },
  );
}

/** The plain line CI reads to know that tests ran: exactly `N passed, N failed`. */
export function closingLine(results: readonly TierResult[]): string {
  const t = totals(results);
  return `${t.passed} passed, ${t.failed} failed`;
}

/** Non-zero when anything failed or any tier crashed, was skipped by an interruption, or never ran. */
export function exitCodeFor(results: readonly TierResult[], expectedTiers: number): number {
  if (results.length < expectedTiers) return 1;
  return results.some((r) => r.failed > 0 || r.status === "crashed" || r.status === "skipped") ? 1 : 0;
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  return s < 60 ? `${s.toFixed(1)}s` : `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s`;
}

/** A fixed-width table, one row per tier, followed by a totals row. */
export function formatTable(results: readonly TierResult[]): string {
  const t = totals(results);
  const header = ["tier", "status", "passed", "failed", "skipped", "time", "note"];
  const rows = results.map((r) => [
    r.name,
    r.status,
    String(r.passed),
    String(r.failed),
    String(r.skipped),
    formatDuration(r.durationMs),
    r.note ?? "",
  ]);
  const total = ["total", "", String(t.passed), String(t.failed), String(t.skipped), formatDuration(sumMs(results)), ""];
  const all = [header, ...rows, total];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? "").length)));
  // Counts read best right-aligned; words left-aligned.
  const numeric = new Set([2, 3, 4, 5]);
  const line = (row: string[]) =>
    row
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(header), rule, ...rows.map(line), rule, line(total)].join("\n");
}

function sumMs(results: readonly TierResult[]): number {
  return results.reduce((s, r) => s + r.durationMs, 0);
}
