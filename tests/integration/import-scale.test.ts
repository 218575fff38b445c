// A measurement, not a benchmark gate: imports 20,000 generated rows end to end (upload inspection, job, commit) and prints
// wall time and the process's peak RSS. It asserts only the outcome (every row imported), never a duration.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { companies, contacts } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import { IMPORT_JOBS, getImport, importTestHooks, startImport, uploadImport } from "@/lib/crm/import";
import { setEnv } from "@/lib/env";
import { startQueue, startWorkers, type Queue } from "@/lib/jobs";
import { makeWorkspace } from "../helpers/fixtures";

const getDb = setupTestDb();
let queue: Queue;
let dataDir = "";
// 20k rows keeps the suite fast; bench/crm measures the 1M-row case.
const ROWS = 20_000;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "aicmo-import-scale-"));
  setEnv("AICMO_DATA_DIR", dataDir);
  queue = await startQueue(getDb().$client.options.connectionString!, { supervise: false, schedule: false });
  await startWorkers(queue, IMPORT_JOBS);
});

afterAll(async () => {
  delete importTestHooks.afterBatch;
  delete importTestHooks.beforeCommitEnd;
  await queue?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The file as a list of chunks (a Blob streams them; no single 10 MB string is built). */
function generateCsv(rows: number): string[] {
  const chunks = ["Email,First name,Last name,Phone,Country,Company,Website,Tags,Lifecycle stage\n"];
  const stages = ["subscriber", "lead", "MQL", "Customer"];
  let chunk: string[] = [];
  for (let i = 0; i < rows; i++) {
    const c = i % 2_000;
    chunk.push(
      `person${i}@example${i % 50}.com,First${i},Last${i},+44 20 7${String(1_000_000 + (i % 8_999_999)).padStart(7, "0")},GB,Company ${c},company${c}.example,vip;batch-${i % 10},${stages[i % 4]}\n`,
    );
    if (chunk.length === 5_000) {
      chunks.push(chunk.join(""));
      chunk = [];
    }
  }
  if (chunk.length) chunks.push(chunk.join(""));
  return chunks;
}

it(`imports ${ROWS.toLocaleString("en")} generated rows and reports time and peak RSS`, { timeout: 600_000 }, async () => {
  const ws = await makeWorkspace(getDb());
  const ctx = ws.ctx("owner");
  const chunks = generateCsv(ROWS);
  const bytes = chunks.reduce((n, c) => n + Buffer.byteLength(c), 0);
  const form = new FormData();
  form.append("file", new Blob(chunks, { type: "text/csv" }), "scale.csv");
  const req = new Request("http://localhost/api/v1/contacts/imports", { method: "POST", body: form });

  // Phase marks from the pipeline's own seams: first batch written, last batch written, commit statements done.
  const marks: { firstBatch?: number; lastBatch?: number; commitDone?: number; batches: number } = { batches: 0 };
  importTestHooks.afterBatch = () => {
    marks.firstBatch ??= performance.now();
    marks.lastBatch = performance.now();
    marks.batches++;
  };
  importTestHooks.beforeCommitEnd = () => {
    marks.commitDone = performance.now();
  };
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const preview = await uploadImport(ctx, { headers: req.headers, body: req.body });
  const t1 = performance.now();
  await startImport(ctx, preview.id, { mapping: preview.suggestedMapping as never, policy: "update" }, { boss: queue.boss });
  let imp = await getImport(ctx, preview.id);
  let progressSamples = 0;
  while (!["completed", "failed", "cancelled"].includes(imp.status)) {
    await new Promise((r) => setTimeout(r, 100));
    imp = await getImport(ctx, preview.id);
    progressSamples++;
  }
  const t2 = performance.now();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  console.log(
    [
      `import of ${ROWS.toLocaleString("en")} rows (${(bytes / 1024 / 1024).toFixed(1)} MB):`,
      `  upload + inspection ${((t1 - t0) / 1000).toFixed(2)} s`,
      `  job (validate + COPY + commit) ${((t2 - t1) / 1000).toFixed(2)} s: queue pick-up and first batch ${((marks.firstBatch! - t1) / 1000).toFixed(2)} s, ` +
        `read/validate/COPY ${marks.batches} batches ${((marks.lastBatch! - t1) / 1000).toFixed(2)} s, commit transaction ${((marks.commitDone! - marks.lastBatch!) / 1000).toFixed(2)} s`,
      `  total ${((t2 - t0) / 1000).toFixed(2)} s, ${Math.round(ROWS / ((t2 - t0) / 1000)).toLocaleString("en")} rows/s`,
      `  peak RSS of the test process ${peakRssMb.toFixed(0)} MB (RSS before upload ${(rssBefore / 1024 / 1024).toFixed(0)} MB)`,
      `  status polls while running: ${progressSamples}`,
    ].join("\n"),
  );

  expect(imp.status).toBe("completed");
  expect(imp.inserted).toBe(ROWS);
  const [{ n }] = (await getDb().select({ n: count() }).from(contacts).where(eq(contacts.workspaceId, ws.id))) as [{ n: number }];
  expect(n).toBe(ROWS);
  const [{ c }] = (await getDb().select({ c: count() }).from(companies).where(eq(companies.workspaceId, ws.id))) as [{ c: number }];
  expect(c).toBe(2_000);
});
