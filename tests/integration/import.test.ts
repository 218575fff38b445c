// The CSV import pipeline against a real Postgres and pg-boss: policies, dedupe (in the file and against stored contacts,
// case-insensitively), idempotent re-runs, progress, cancel, a crash in the commit step, the error report, REST routes and
// tenant isolation. What a user cares about: contacts end up right, or exactly as they were.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, asc, count, eq, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { Db } from "@/db/client";
import { auditLog, companies, contactEvents, contactImportErrors, contactImportRejects, contacts, customFieldDefs, lifecycleHistory } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import type { Ctx } from "@/lib/auth/context";
import {
  IMPORT_JOBS,
  cancelImport,
  getImport,
  importErrorsCsv,
  importRejectsCsv,
  importTestHooks,
  importUploadPath,
  runContactImport,
  startImport,
  uploadImport,
  type ImportPolicy,
  type ImportPreview,
} from "@/lib/crm/import";
import { setEnv } from "@/lib/env";
import { startQueue, startWorkers, stopQueue, type Queue } from "@/lib/jobs";
import { createApiKey } from "@/lib/workspaces";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";

const getDb = setupTestDb();
let queue: Queue;
let dataDir = "";

/** A queue stand-in for tests that run the job body themselves (deterministic hooks, no polling delay). */
const manualBoss = { createQueue: async () => {}, send: async () => crypto.randomUUID() } as unknown as PgBoss;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "aicmo-import-"));
  setEnv("AICMO_DATA_DIR", dataDir);
  setEnv("DATABASE_URL", getDb().$client.options.connectionString!);
  queue = await startQueue(getDb().$client.options.connectionString!, { supervise: false, schedule: false });
  await startWorkers(queue, IMPORT_JOBS);
});

afterEach(() => {
  delete importTestHooks.afterBatch;
  delete importTestHooks.beforeCommitEnd;
});

afterAll(async () => {
  await stopQueue();
  await queue?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function multipart(csv: string | Buffer, name = "contacts.csv", type = "text/csv"): Request {
  const form = new FormData();
  form.append("file", new Blob([typeof csv === "string" ? csv : new Uint8Array(csv)], { type }), name);
  return new Request("http://localhost/api/v1/contacts/imports", { method: "POST", body: form });
}

async function upload(ctx: Ctx, csv: string | Buffer, name?: string): Promise<ImportPreview> {
  const req = multipart(csv, name);
  return uploadImport(ctx, { headers: req.headers, body: req.body });
}

async function waitDone(ctx: Ctx, id: string, ms = 30_000) {
  const until = Date.now() + ms;
  for (;;) {
    const imp = await getImport(ctx, id);
    if (["completed", "failed", "cancelled"].includes(imp.status)) return imp;
    if (Date.now() > until) throw new Error(`import ${id} still ${imp.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Upload, start with the suggested mapping (or one given), and run the job body in this process. */
async function importNow(ctx: Ctx, csv: string | Buffer, policy: ImportPolicy, mapping?: Record<string, string | null>) {
  const preview = await upload(ctx, csv);
  await startImport(ctx, preview.id, { mapping: (mapping ?? preview.suggestedMapping) as never, policy }, { boss: manualBoss });
  const outcome = await runContactImport(getDb(), { importId: preview.id, workspaceId: ctx.workspaceId });
  return { preview, outcome, imp: await getImport(ctx, preview.id) };
}

/** The import's error report, as lines (the closing blank line dropped). */
async function reportOf(ctx: Ctx, importId: string): Promise<string[]> {
  const { stream } = await importErrorsCsv(ctx, importId);
  let text = "";
  for await (const chunk of stream) text += String(chunk);
  return text.split("\r\n").filter((l) => l !== "");
}

async function contactsOf(db: Db, workspaceId: string) {
  return db.select().from(contacts).where(eq(contacts.workspaceId, workspaceId)).orderBy(asc(contacts.email), asc(contacts.firstName));
}

async function countIn(db: Db, table: typeof contacts | typeof companies | typeof lifecycleHistory, workspaceId: string) {
  const [row] = await db.select({ n: count() }).from(table).where(eq(table.workspaceId, workspaceId));
  return row!.n;
}

async function stagingTables(db: Db): Promise<string[]> {
  const res = await db.execute(sql`select tablename from pg_tables where tablename like 'contact_import_stage_%'`);
  return (res.rows as { tablename: string }[]).map((r) => r.tablename);
}

/** Everything an import can touch in a workspace, to prove a failed or cancelled one touched nothing. */
async function workspaceState(db: Db, workspaceId: string) {
  return {
    contacts: await contactsOf(db, workspaceId),
    companies: await db.select().from(companies).where(eq(companies.workspaceId, workspaceId)).orderBy(asc(companies.id)),
    history: await db.select().from(lifecycleHistory).where(eq(lifecycleHistory.workspaceId, workspaceId)).orderBy(asc(lifecycleHistory.id)),
    completedAudits: await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.action, "contact_import.complete"))),
  };
}

function manyRows(n: number, offset = 0): string {
  const lines = ["Email,First name,Last name,Company"];
  for (let i = offset; i < offset + n; i++) lines.push(`p${i}@bulk.example,First${i},Last${i},Bulk ${i % 7}`);
  return `${lines.join("\n")}\n`;
}

const existingAda = (ws: TestWorkspace) => ({
  workspaceId: ws.id,
  email: "Ada@Example.com",
  firstName: "Ada",
  title: "Countess",
  tags: ["vip"],
  lifecycleStage: "lead",
});

const POLICY_FILE = [
  "Email,First name,Last name,Title,Tags,Lifecycle stage,Company",
  "ada@example.com,Augusta,Lovelace,,newsletter,customer,Analytical Engines",
  "new@example.com,New,Person,CTO,,lead,Analytical Engines",
].join("\n");

describe("policies", () => {
  it("skip: leaves an existing contact untouched and inserts the new one", async () => {
    const ws = await makeWorkspace(getDb());
    await getDb().insert(contacts).values(existingAda(ws));
    const [before] = await contactsOf(getDb(), ws.id);
    const { imp } = await importNow(ws.ctx("owner"), POLICY_FILE, "skip");
    expect(imp).toMatchObject({ status: "completed", totalRows: 2, processedRows: 2, validRows: 2, inserted: 1, updated: 0, skipped: 1, errorRows: 0 });
    const after = await contactsOf(getDb(), ws.id);
    expect(after.find((c) => c.id === before!.id)).toEqual(before);
    expect(after.find((c) => c.email === "new@example.com")).toMatchObject({ firstName: "New", title: "CTO", source: "csv_import", lifecycleStage: "lead" });
  });

  it("update: the file's non-empty values replace stored ones; empty cells keep them; tags merge; the stage move is in the history", async () => {
    const ws = await makeWorkspace(getDb());
    await getDb().insert(contacts).values(existingAda(ws));
    const { imp } = await importNow(ws.ctx("owner"), POLICY_FILE, "update");
    expect(imp).toMatchObject({ status: "completed", inserted: 1, updated: 1, skipped: 0 });
    const ada = (await contactsOf(getDb(), ws.id)).find((c) => c.email === "Ada@Example.com")!;
    expect(ada).toMatchObject({ firstName: "Augusta", lastName: "Lovelace", title: "Countess", tags: ["vip", "newsletter"], lifecycleStage: "customer" });
    const [company] = await getDb().select().from(companies).where(eq(companies.workspaceId, ws.id));
    expect(company!.name).toBe("Analytical Engines");
    expect(ada.companyId).toBe(company!.id);
    const history = await getDb().select().from(lifecycleHistory).where(eq(lifecycleHistory.contactId, ada.id));
    expect(history).toEqual([expect.objectContaining({ fromStage: "lead", toStage: "customer", reason: "CSV import of contacts.csv" })]);
  });

  it("fill_blanks: only empty stored fields are filled", async () => {
    const ws = await makeWorkspace(getDb());
    await getDb().insert(contacts).values(existingAda(ws));
    const { imp } = await importNow(ws.ctx("owner"), POLICY_FILE, "fill_blanks");
    expect(imp).toMatchObject({ status: "completed", inserted: 1, updated: 1 });
    const ada = (await contactsOf(getDb(), ws.id)).find((c) => c.email === "Ada@Example.com")!;
    expect(ada).toMatchObject({ firstName: "Ada", lastName: "Lovelace", title: "Countess", tags: ["vip"], lifecycleStage: "lead" });
    expect(ada.companyId).not.toBeNull();
  });

  it("update by a role without contacts.stage_backward does not move a stage backwards (and says so in the audit)", async () => {
    const ws = await makeWorkspace(getDb());
    await getDb().insert(contacts).values({ workspaceId: ws.id, email: "cust@example.com", lifecycleStage: "customer", title: "Old" });
    const { imp } = await importNow(ws.ctx("marketer"), "Email,Stage,Title\ncust@example.com,lead,New\n", "update");
    expect(imp).toMatchObject({ status: "completed", updated: 1 });
    const [c] = await contactsOf(getDb(), ws.id);
    expect(c).toMatchObject({ lifecycleStage: "customer", title: "New" });
    const [audit] = await getDb().select().from(auditLog).where(and(eq(auditLog.workspaceId, ws.id), eq(auditLog.action, "contact_import.complete")));
    expect(audit!.after).toMatchObject({ stageMovesRefused: 1, updated: 1 });
    expect(audit!.actorLabel).toBe(ws.users.marketer.email);
    // The error report says which row kept its stage and why, under the file's own column name.
    expect(await reportOf(ws.ctx("marketer"), imp.id)).toEqual([
      "row,field,reason",
      "2,Stage,Stage kept at Customer: moving a contact back to Lead needs a manager or an owner. The rest of the row was imported.",
    ]);
  });

  it("update: a stage move lands on the contact's timeline as well as in its history", async () => {
    const ws = await makeWorkspace(getDb());
    await getDb().insert(contacts).values(existingAda(ws));
    await importNow(ws.ctx("owner"), POLICY_FILE, "update");
    const ada = (await contactsOf(getDb(), ws.id)).find((c) => c.email === "Ada@Example.com")!;
    const events = await getDb().select().from(contactEvents).where(and(eq(contactEvents.workspaceId, ws.id), eq(contactEvents.contactId, ada.id)));
    expect(events).toEqual([
      expect.objectContaining({ type: "lifecycle_change", properties: { from: "lead", to: "customer", reason: "CSV import of contacts.csv", actor: ws.users.owner.email } }),
    ]);
  });

  it("defines the custom fields a file's columns create (as text, labelled with the column), once", async () => {
    const ws = await makeWorkspace(getDb());
    const file = "Email,City,Shoe size\nc1@fields.example,Lyon,42\nc2@fields.example,Porto,\n";
    const mapping = { Email: "email", City: "custom.city", "Shoe size": "custom.shoe_size" };
    await importNow(ws.ctx("owner"), file, "skip", mapping);
    await importNow(ws.ctx("owner"), file.replace(/c(\d)@/g, "d$1@"), "skip", mapping);
    const defs = await getDb().select().from(customFieldDefs).where(eq(customFieldDefs.workspaceId, ws.id)).orderBy(asc(customFieldDefs.key));
    expect(defs.map((d) => [d.entity, d.key, d.label, d.type])).toEqual([
      ["contact", "city", "City", "text"],
      ["contact", "shoe_size", "Shoe size", "text"],
    ]);
    const [audit] = await getDb().select().from(auditLog).where(and(eq(auditLog.workspaceId, ws.id), eq(auditLog.action, "contact_import.complete"))).orderBy(asc(auditLog.createdAt)).limit(1);
    expect(audit!.after).toMatchObject({ customFieldsCreated: 2 });
  });
});

describe("dedupe", () => {
  it("keeps the last occurrence of an email in the file and matches stored emails case-insensitively", async () => {
    const ws = await makeWorkspace(getDb());
    await getDb().insert(contacts).values({ workspaceId: ws.id, email: "Existing@Example.COM", firstName: "Stored" });
    const file = [
      "Email,First name,Phone,Country",
      "Twice@Example.com,First,,",
      "someone@example.com,Someone,,",
      "twice@EXAMPLE.com,Second,,",
      "EXISTING@example.com,FromFile,,",
      ",Nomail,020 7183 8750,GB",
      ",nomail,+44 20 7183 8750,",
    ].join("\n");
    const { imp } = await importNow(ws.ctx("owner"), file, "update");
    expect(imp).toMatchObject({ status: "completed", processedRows: 6, validRows: 6, duplicateRows: 2, inserted: 3, updated: 1 });
    const rows = await contactsOf(getDb(), ws.id);
    expect(rows.map((c) => [c.email, c.firstName])).toEqual([
      ["Existing@Example.COM", "FromFile"],
      ["someone@example.com", "Someone"],
      ["twice@example.com", "Second"],
      [null, "nomail"],
    ]);
    // Each row left out is in the error report, with the row that was imported instead.
    expect(await reportOf(ws.ctx("owner"), imp.id)).toEqual([
      "row,field,reason",
      '2,Email,"The same email is on row 4 further down the file: that row was imported, this one left out."',
      "6,First name,\"No email, and the same name and phone are on row 7 further down the file: that row was imported, this one left out.\"",
    ]);
  });
});

describe("idempotent re-runs", () => {
  const file = [
    "Email,First name,Last name,Tags,Company,Website,Lifecycle stage,Favourite colour",
    "a@rerun.example,A,One,x;y,Rerun Co,rerun.example,lead,blue",
    "B@rerun.example,B,Two,,Rerun Co,rerun.example,customer,",
    ",Nameonly,Person,,Other Co,,,",
  ].join("\n");
  const mapping = {
    Email: "email",
    "First name": "firstName",
    "Last name": "lastName",
    Tags: "tags",
    Company: "company",
    Website: "companyDomain",
    "Lifecycle stage": "lifecycleStage",
    "Favourite colour": "custom.favourite_colour",
  };

  for (const policy of ["skip", "update", "fill_blanks"] as const) {
    it(`${policy}: the same file, mapping and policy a second time inserts nothing and changes nothing`, async () => {
      const ws = await makeWorkspace(getDb());
      const first = await importNow(ws.ctx("owner"), file, policy, mapping);
      expect(first.imp).toMatchObject({ status: "completed", inserted: 3 });
      const before = await workspaceState(getDb(), ws.id);
      const second = await importNow(ws.ctx("owner"), file, policy, mapping);
      expect(second.preview.previousImports.map((p) => p.id)).toEqual([first.preview.id]);
      expect(second.imp).toMatchObject({ status: "completed", inserted: 0, updated: 0, skipped: 3 });
      const after = await workspaceState(getDb(), ws.id);
      expect(after.contacts).toEqual(before.contacts);
      expect(after.companies).toEqual(before.companies);
      expect(after.history).toEqual(before.history);
      expect(after.contacts.find((c) => c.email === "a@rerun.example")!.custom).toEqual({ favourite_colour: "blue" });
    });
  }
});

describe("progress and cancel", () => {
  it("advances processed rows batch by batch (about 1% of the file, never per row) up to the total", async () => {
    const ws = await makeWorkspace(getDb());
    const ctx = ws.ctx("owner");
    const seen: { processed: number; status: string }[] = [];
    importTestHooks.afterBatch = async ({ importId }) => {
      const imp = await getImport(ctx, importId);
      seen.push({ processed: imp.processedRows, status: imp.status });
    };
    const { imp } = await importNow(ctx, manyRows(3_500), "skip");
    expect(seen).toEqual([
      { processed: 1_000, status: "validating" },
      { processed: 2_000, status: "validating" },
      { processed: 3_000, status: "validating" },
      { processed: 3_500, status: "validating" },
    ]);
    expect(imp).toMatchObject({ status: "completed", totalRows: 3_500, processedRows: 3_500, inserted: 3_500 });
  });

  it("a cancel between batches leaves no contact, company, error row, staging table or file behind", async () => {
    const ws = await makeWorkspace(getDb());
    const ctx = ws.ctx("owner");
    const before = await workspaceState(getDb(), ws.id);
    let atCancel = -1;
    importTestHooks.afterBatch = async ({ importId, batch }) => {
      if (batch !== 1) return;
      await cancelImport(ctx, importId);
      atCancel = (await getImport(ctx, importId)).processedRows;
    };
    const csv = manyRows(3_000).replace("p5@bulk.example", "broken-email");
    const { preview, outcome, imp } = await importNow(ctx, csv, "update");
    expect(outcome).toBe("cancelled");
    expect(imp).toMatchObject({ status: "cancelled", errorMessage: "Cancelled: nothing was imported.", inserted: 0 });
    // The counters are the ones the user saw when cancelling: no batch read after the cancel moves them.
    expect(atCancel).toBe(1_000);
    expect(imp.processedRows).toBe(atCancel);
    expect(await getDb().select().from(contactImportRejects).where(eq(contactImportRejects.importId, preview.id))).toEqual([]);
    expect(await workspaceState(getDb(), ws.id)).toEqual(before);
    expect(await getDb().select().from(contactImportErrors).where(eq(contactImportErrors.importId, preview.id))).toEqual([]);
    expect(await stagingTables(getDb())).toEqual([]);
    expect(existsSync(importUploadPath(ws.id, preview.id))).toBe(false);
  });

  it("a cancel that lands during the commit transaction rolls the whole commit back", async () => {
    const ws = await makeWorkspace(getDb());
    const ctx = ws.ctx("owner");
    const before = await workspaceState(getDb(), ws.id);
    let cancelledAt = "";
    importTestHooks.beforeCommitEnd = async () => {
      const imp = await getImport(ctx, cancelledAt || (await latestImportId(ws.id)));
      cancelledAt = imp.id;
      await cancelImport(ctx, imp.id);
    };
    const { outcome, imp } = await importNow(ctx, manyRows(1_200), "update");
    expect(outcome).toBe("cancelled");
    expect(imp.status).toBe("cancelled");
    expect(await workspaceState(getDb(), ws.id)).toEqual(before);
    expect(await stagingTables(getDb())).toEqual([]);
  });
});

async function latestImportId(workspaceId: string): Promise<string> {
  const res = await getDb().execute(sql`select id from contact_imports where workspace_id = ${workspaceId} order by created_at desc limit 1`);
  return (res.rows[0] as { id: string }).id;
}

describe("a crash in the commit step", () => {
  it("a failing statement inside the commit leaves nothing, says so, keeps the file, and a restart then completes", async () => {
    const ws = await makeWorkspace(getDb());
    const ctx = ws.ctx("owner");
    await getDb().insert(contacts).values(existingAda(ws));
    const before = await workspaceState(getDb(), ws.id);
    importTestHooks.beforeCommitEnd = async (query) => {
      await query("SELECT 1 / 0");
    };
    const { preview, outcome, imp } = await importNow(ctx, POLICY_FILE, "update");
    expect(outcome).toBe("failed");
    expect(imp.status).toBe("failed");
    expect(imp.errorMessage).toMatch(/nothing was imported/);
    expect(await workspaceState(getDb(), ws.id)).toEqual(before);
    expect(await stagingTables(getDb())).toEqual([]);
    expect(existsSync(importUploadPath(ws.id, preview.id))).toBe(true);

    delete importTestHooks.beforeCommitEnd;
    await startImport(ctx, preview.id, { mapping: preview.suggestedMapping as never, policy: "update" }, { boss: manualBoss });
    expect(await runContactImport(getDb(), { importId: preview.id, workspaceId: ws.id })).toBe("completed");
    expect(await getImport(ctx, preview.id)).toMatchObject({ status: "completed", inserted: 1, updated: 1 });
  });

  it("a connection killed mid-transaction (the closest thing to a crashed worker) leaves nothing either", async () => {
    const ws = await makeWorkspace(getDb());
    const ctx = ws.ctx("owner");
    const before = await workspaceState(getDb(), ws.id);
    importTestHooks.beforeCommitEnd = async (query) => {
      await query("SELECT pg_terminate_backend(pg_backend_pid())");
    };
    const { outcome, imp } = await importNow(ctx, manyRows(50), "skip");
    expect(outcome).toBe("failed");
    expect(imp.status).toBe("failed");
    expect(await workspaceState(getDb(), ws.id)).toEqual(before);
    expect(await stagingTables(getDb())).toEqual([]);
  });

  it("a file that changed after upload fails the import and imports nothing", async () => {
    const ws = await makeWorkspace(getDb());
    const ctx = ws.ctx("owner");
    const preview = await upload(ctx, manyRows(20));
    writeFileSync(importUploadPath(ws.id, preview.id), manyRows(20, 1_000));
    await startImport(ctx, preview.id, { mapping: preview.suggestedMapping as never, policy: "skip" }, { boss: manualBoss });
    expect(await runContactImport(getDb(), { importId: preview.id, workspaceId: ws.id })).toBe("failed");
    expect((await getImport(ctx, preview.id)).errorMessage).toBe("The file changed after it was uploaded. Nothing was imported.");
    expect(await countIn(getDb(), contacts, ws.id)).toBe(0);
  });
});

describe("the job through pg-boss", () => {
  it("runs a started import on the queue's worker, and a redelivered job changes nothing", async () => {
    const ws = await makeWorkspace(getDb());
    const ctx = ws.ctx("owner");
    const preview = await upload(ctx, manyRows(30));
    await startImport(ctx, preview.id, { mapping: preview.suggestedMapping as never, policy: "skip" }, { boss: queue.boss });
    const done = await waitDone(ctx, preview.id);
    expect(done).toMatchObject({ status: "completed", inserted: 30 });
    const before = await workspaceState(getDb(), ws.id);
    expect(await runContactImport(getDb(), { importId: preview.id, workspaceId: ws.id })).toBe("skipped");
    expect(await workspaceState(getDb(), ws.id)).toEqual(before);
  });
});

describe("one runner per import", () => {
  it("a second delivery of a running job steps aside without touching the first run's staging", async () => {
    const ws = await makeWorkspace(getDb());
    const ctx = ws.ctx("owner");
    const preview = await upload(ctx, manyRows(2_500));
    await startImport(ctx, preview.id, { mapping: preview.suggestedMapping as never, policy: "skip" }, { boss: manualBoss });
    // The second delivery arrives while the first is mid-file, its staging table full of rows.
    let second: string | undefined;
    importTestHooks.afterBatch = async ({ batch }) => {
      if (batch === 1) second = await runContactImport(getDb(), { importId: preview.id, workspaceId: ws.id });
    };
    const first = await runContactImport(getDb(), { importId: preview.id, workspaceId: ws.id });
    expect([first, second]).toEqual(["completed", "skipped"]);
    expect(await getImport(ctx, preview.id)).toMatchObject({ status: "completed", inserted: 2_500 });
    expect(await countIn(getDb(), contacts, ws.id)).toBe(2_500);
  });

  it("a job delivered after its import was cancelled while queued does nothing but remove the file", async () => {
    const ws = await makeWorkspace(getDb());
    const ctx = ws.ctx("owner");
    const preview = await upload(ctx, manyRows(10));
    await startImport(ctx, preview.id, { mapping: preview.suggestedMapping as never, policy: "skip" }, { boss: manualBoss });
    await cancelImport(ctx, preview.id);
    expect(existsSync(importUploadPath(ws.id, preview.id))).toBe(true);
    expect(await runContactImport(getDb(), { importId: preview.id, workspaceId: ws.id })).toBe("skipped");
    expect(existsSync(importUploadPath(ws.id, preview.id))).toBe(false);
    expect(await countIn(getDb(), contacts, ws.id)).toBe(0);
  });
});

describe("starting and cancelling", () => {
  it("refuses a mapping without email or name, and one naming columns the file does not have", async () => {
    const ws = await makeWorkspace(getDb());
    const ctx = ws.ctx("owner");
    const preview = await upload(ctx, "Email,First name,Notes\na@x.example,A,hi\n");
    await expect(startImport(ctx, preview.id, { mapping: { Notes: "custom.notes" }, policy: "skip" }, { boss: manualBoss })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { mapping: [expect.stringMatching(/Map a column to Email/)] },
    });
    await expect(startImport(ctx, preview.id, { mapping: { Mail: "email" }, policy: "skip" }, { boss: manualBoss })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    // An unknown target fails the input schema (a ZodError, mapped to 422 by the HTTP layer like every engine's parse).
    await expect(startImport(ctx, preview.id, { mapping: { Email: "shoeSize" } as never, policy: "skip" }, { boss: manualBoss })).rejects.toBeInstanceOf(
      ZodError,
    );
    // Names without an email are enough.
    await startImport(ctx, preview.id, { mapping: { "First name": "firstName" }, policy: "skip" }, { boss: manualBoss });
    await expect(startImport(ctx, preview.id, { mapping: { Email: "email" }, policy: "skip" }, { boss: manualBoss })).rejects.toMatchObject({
      code: "IMPORT_ALREADY_STARTED",
    });
    await runContactImport(getDb(), { importId: preview.id, workspaceId: ws.id });
    await expect(cancelImport(ctx, preview.id)).rejects.toMatchObject({ code: "IMPORT_NOT_CANCELLABLE" });
  });

  it("a viewer cannot upload, start or cancel", async () => {
    const ws = await makeWorkspace(getDb());
    await expect(upload(ws.ctx("viewer"), "Email\na@x.example\n")).rejects.toMatchObject({ code: "FORBIDDEN" });
    const preview = await upload(ws.ctx("marketer"), "Email\na@x.example\n");
    await expect(startImport(ws.ctx("viewer"), preview.id, { mapping: { Email: "email" }, policy: "skip" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(cancelImport(ws.ctx("viewer"), preview.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getImport(ws.ctx("viewer"), preview.id)).status).toBe("uploaded");
  });
});

describe("the error report", () => {
  it("lists row number, column and reason in row order, formula-safe, as a CSV download", async () => {
    const ws = await makeWorkspace(getDb());
    const ctx = ws.ctx("owner");
    const file = [
      "=Mail,First name,Phone,Stage",
      "ok@example.com,Ok,,",
      "bad-email,Bad,,lead",
      "ok2@example.com,Ok2,12,",
      '"multi@example.com","Multi',
      'line",,hot',
      ",,,",
      'q@example.com,Stray"Quote,,',
    ].join("\r\n");
    const { preview, imp } = await importNow(ctx, file, "skip", { "=Mail": "email", "First name": "firstName", Phone: "phone", Stage: "lifecycleStage" });
    // Six lines of data, one of them blank (not a row): five rows, one valid.
    expect(imp).toMatchObject({ status: "completed", totalRows: 5, processedRows: 5, validRows: 1, errorRows: 4, inserted: 1 });

    const { stream } = await importErrorsCsv(ctx, preview.id);
    let text = "";
    for await (const chunk of stream) text += String(chunk);
    expect(text.split("\r\n")).toEqual([
      "row,field,reason",
      `3,'=Mail,"Not a valid email address. (""bad-email"")"`,
      `4,Phone,"Not a valid phone number (""12""): use international format (+44 20 7183 8750), or give the row a country."`,
      `5,Stage,"Not a lifecycle stage (""hot""); use one of: Subscriber, Lead, MQL, SQL, Opportunity, Customer, Evangelist, Other, Churned."`,
      `8,(row),"Broken quotes: a quote ("") appears inside a value that does not start with one. Wrap the value in quotes and double the quotes inside it ("""")."`,
      "",
    ]);
  });
});

describe("rows to fix", () => {
  it("downloads the rejected rows as the file had them, with their errors first, ready to fix and import again", async () => {
    const ws = await makeWorkspace(getDb());
    const ctx = ws.ctx("owner");
    const file = [
      "Email,First name,Phone,Stage",
      "ok@fix.example,Ok,,",
      "bad-email,Bad,12,lead",
      "=cmd@fix.example,Formula,,hot",
      "ok2@fix.example,Ok2,,",
      '"short@fix.example"',
    ].join("\r\n");
    const { preview, imp } = await importNow(ctx, file, "skip", { Email: "email", "First name": "firstName", Phone: "phone", Stage: "lifecycleStage" });
    expect(imp).toMatchObject({ status: "completed", validRows: 3, errorRows: 2, inserted: 3 });
    const { stream, fileName } = await importRejectsCsv(ctx, preview.id);
    expect(fileName).toBe("contacts-rows-to-fix.csv");
    let text = "";
    for await (const chunk of stream) text += String(chunk);
    expect(text.split("\r\n")).toEqual([
      "Errors,Email,First name,Phone,Stage",
      `"Email: Not a valid email address. (""bad-email""); Phone: Not a valid phone number (""12""): use international format (+44 20 7183 8750), or give the row a country.",bad-email,Bad,12,lead`,
      `"Stage: Not a lifecycle stage (""hot""); use one of: Subscriber, Lead, MQL, SQL, Opportunity, Customer, Evangelist, Other, Churned.",'=cmd@fix.example,Formula,,hot`,
      "",
    ]);
    // Fixed in place (the Errors column left in), the file imports: the extra column is simply not mapped.
    const fixed = ["Errors,Email,First name,Phone,Stage", "was wrong,bad@fix.example,Bad,+44 20 7183 8750,lead"].join("\r\n");
    const again = await importNow(ctx, fixed, "skip");
    expect(again.imp).toMatchObject({ status: "completed", errorRows: 0, inserted: 1 });
    // Another workspace's import is not found.
    const other = await makeWorkspace(getDb());
    await expect(importRejectsCsv(other.ctx("owner"), preview.id)).rejects.toMatchObject({ code: "IMPORT_NOT_FOUND" });
  });
});

describe("REST routes", () => {
  let a: TestWorkspace;
  let b: TestWorkspace;
  let aKey = "";
  let viewerKey = "";
  let bImportId = "";
  const noParams = { params: Promise.resolve({}) };
  const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
  const authed = (key: string, url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${key}`);
    return new Request(url, { ...init, headers });
  };

  beforeAll(async () => {
    a = await makeWorkspace(getDb(), "Imports A");
    b = await makeWorkspace(getDb(), "Imports B");
    aKey = (await createApiKey(a.ctx("owner"), { name: "A owner key", role: "owner" })).key;
    viewerKey = (await createApiKey(a.ctx("owner"), { name: "A viewer key", role: "viewer" })).key;
    bImportId = (await upload(b.ctx("owner"), "Email\nsecret@b.example\n")).id;
  });

  it("uploads multipart, starts (202), reports progress, lists, and serves the error report", async () => {
    const list = await import("@/app/api/v1/contacts/imports/route");
    const item = await import("@/app/api/v1/contacts/imports/[id]/route");
    const start = await import("@/app/api/v1/contacts/imports/[id]/start/route");
    const errors = await import("@/app/api/v1/contacts/imports/[id]/errors.csv/route");

    const form = new FormData();
    form.append("file", new Blob(["Email,Name\nrest@example.com,Rest Api\nnope,Nope\n"], { type: "text/csv" }), "rest.csv");
    const up = await list.POST(authed(aKey, "http://localhost/api/v1/contacts/imports", { method: "POST", body: form }), noParams);
    expect(up.status).toBe(201);
    const preview = (await up.json()) as ImportPreview;
    expect(preview).toMatchObject({ fileName: "rest.csv", totalRows: 2, headers: ["Email", "Name"], suggestedMapping: { Email: "email", Name: "fullName" } });

    const started = await start.POST(
      authed(aKey, `http://localhost/api/v1/contacts/imports/${preview.id}/start`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ mapping: preview.suggestedMapping, policy: "skip" }),
      }),
      idParams(preview.id),
    );
    expect(started.status).toBe(202);
    expect(((await started.json()) as { status: string }).status).toBe("validating");

    let body: { status: string; inserted: number; errorRows: number; progress: number } = { status: "", inserted: 0, errorRows: 0, progress: 0 };
    for (let i = 0; i < 300 && !["completed", "failed"].includes(body.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      body = (await (await item.GET(authed(aKey, `http://localhost/api/v1/contacts/imports/${preview.id}`), idParams(preview.id))).json()) as typeof body;
    }
    expect(body).toMatchObject({ status: "completed", inserted: 1, errorRows: 1, progress: 1 });

    const page = (await (await list.GET(authed(viewerKey, "http://localhost/api/v1/contacts/imports?limit=50"), noParams)).json()) as { items: { id: string }[] };
    expect(page.items.map((i) => i.id)).toContain(preview.id);
    expect(page.items.map((i) => i.id)).not.toContain(bImportId);

    const csv = await errors.GET(authed(viewerKey, `http://localhost/api/v1/contacts/imports/${preview.id}/errors.csv`), idParams(preview.id));
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="rest-errors.csv"');
    expect(await csv.text()).toBe('row,field,reason\r\n3,Email,"Not a valid email address. (""nope"")"\r\n');
  });

  it("refuses a viewer's upload (403), a non-multipart body (400) and a spreadsheet (415) with JSON errors", async () => {
    const list = await import("@/app/api/v1/contacts/imports/route");
    const form = () => {
      const f = new FormData();
      f.append("file", new Blob(["Email\nx@y.example\n"]), "x.csv");
      return f;
    };
    const viewer = await list.POST(authed(viewerKey, "http://localhost/api/v1/contacts/imports", { method: "POST", body: form() }), noParams);
    expect(viewer.status).toBe(403);
    const json = await list.POST(
      authed(aKey, "http://localhost/api/v1/contacts/imports", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
      noParams,
    );
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe("NOT_MULTIPART");
    const xlsx = new FormData();
    xlsx.append("file", new Blob([Buffer.from("PK\x03\x04rest-of-zip", "latin1")]), "contacts.csv");
    const refused = await list.POST(authed(aKey, "http://localhost/api/v1/contacts/imports", { method: "POST", body: xlsx }), noParams);
    expect(refused.status).toBe(415);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "NOT_CSV" });
  });

  it("answers 404 for another workspace's import on every item route, and leaves it untouched", async () => {
    const item = await import("@/app/api/v1/contacts/imports/[id]/route");
    const start = await import("@/app/api/v1/contacts/imports/[id]/start/route");
    const cancel = await import("@/app/api/v1/contacts/imports/[id]/cancel/route");
    const errors = await import("@/app/api/v1/contacts/imports/[id]/errors.csv/route");
    const url = `http://localhost/api/v1/contacts/imports/${bImportId}`;
    const responses = [
      await item.GET(authed(aKey, url), idParams(bImportId)),
      await start.POST(
        authed(aKey, `${url}/start`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ mapping: { Email: "email" }, policy: "update" }) }),
        idParams(bImportId),
      ),
      await cancel.POST(authed(aKey, `${url}/cancel`, { method: "POST" }), idParams(bImportId)),
      await errors.GET(authed(aKey, `${url}/errors.csv`), idParams(bImportId)),
    ];
    for (const res of responses) {
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("IMPORT_NOT_FOUND");
    }
    expect((await getImport(b.ctx("owner"), bImportId)).status).toBe("uploaded");
  });
});
