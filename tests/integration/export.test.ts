// Contact export end to end: the route streams a CSV attachment of the filtered view (same filters as the list), cells
// that would run as formulas are neutralised, other workspaces never leak, batches never skip or repeat, and it re-imports.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { and, asc, eq, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditLog, companies, contacts, customFieldDefs, segmentMembers, segments } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import type { Ctx } from "@/lib/auth/context";
import { listContacts } from "@/lib/crm";
import { exportContactsCsv, registerSegmentContactIds, type ExportContactsInput, type ExportOptions } from "@/lib/crm/export";
import { getImport, runContactImport, startImport, uploadImport } from "@/lib/crm/import";
import { setEnv } from "@/lib/env";
import { createApiKey } from "@/lib/workspaces";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";

const getDb = setupTestDb();
let a: TestWorkspace;
let b: TestWorkspace;
let aKey = "";
let viewerKey = "";
let dataDir = "";
const ids: Record<string, string> = {};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "aicmo-export-"));
  setEnv("AICMO_DATA_DIR", dataDir);
  setEnv("DATABASE_URL", getDb().$client.options.connectionString!);
  const db = getDb();
  a = await makeWorkspace(db, "Export A");
  b = await makeWorkspace(db, "Export B");
  aKey = (await createApiKey(a.ctx("owner"), { name: "Exporter", role: "marketer" })).key;
  viewerKey = (await createApiKey(a.ctx("owner"), { name: "Viewer key", role: "viewer" })).key;
  const [acme] = await db.insert(companies).values({ workspaceId: a.id, name: "Acme", domain: "acme.example", domains: ["acme.example"] }).returning();
  const [other] = await db.insert(companies).values({ workspaceId: a.id, name: "Other Co" }).returning();
  const [bCo] = await db.insert(companies).values({ workspaceId: b.id, name: "B Co" }).returning();
  await db.insert(customFieldDefs).values({ workspaceId: a.id, entity: "contact", key: "plan", label: "Plan", type: "text" });
  const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
  const rows = await db
    .insert(contacts)
    .values([
      {
        workspaceId: a.id,
        email: "formula@example.com",
        firstName: "=1+2",
        lastName: "-Minus",
        title: "@SUM(A1)",
        phone: "+442071838750",
        tags: ["vip", "newsletter"],
        lifecycleStage: "customer",
        companyId: acme!.id,
        custom: { plan: "=cmd|' /C calc'!A0" },
        emailConsent: "opted_in",
        createdAt: t(3),
      },
      { workspaceId: a.id, email: "lead@example.com", firstName: "Lea", tags: ["vip"], lifecycleStage: "lead", ownerUserId: a.users.manager.id, createdAt: t(2) },
      { workspaceId: a.id, email: "other@example.com", firstName: "Otto", lifecycleStage: "lead", companyId: other!.id, doNotContact: true, createdAt: t(1) },
      { workspaceId: a.id, email: "deleted@example.com", firstName: "Gone", deletedAt: new Date(), createdAt: t(4) },
      { workspaceId: b.id, email: "secret@b.example", firstName: "Secret", tags: ["vip"], lifecycleStage: "lead", companyId: bCo!.id },
    ])
    .returning();
  for (const r of rows) ids[r.email!] = r.id;
  ids.acme = acme!.id;
  ids.bCompany = bCo!.id;
  const [seg] = await db.insert(segments).values({ workspaceId: a.id, name: "Static list", kind: "static" }).returning();
  const [bSeg] = await db.insert(segments).values({ workspaceId: b.id, name: "B list", kind: "static" }).returning();
  ids.segment = seg!.id;
  ids.bSegment = bSeg!.id;
  await db.insert(segmentMembers).values([
    { workspaceId: a.id, segmentId: seg!.id, contactId: ids["lead@example.com"]! },
    { workspaceId: a.id, segmentId: seg!.id, contactId: ids["other@example.com"]! },
    { workspaceId: b.id, segmentId: bSeg!.id, contactId: ids["secret@b.example"]! },
  ]);
});

afterEach(() => registerSegmentContactIds(null));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function route(key: string, query = "") {
  const { GET } = await import("@/app/api/v1/contacts/export/route");
  return GET(new Request(`http://localhost/api/v1/contacts/export${query}`, { headers: { authorization: `Bearer ${key}` } }), {
    params: Promise.resolve({}),
  });
}

async function exported(ctx: Ctx, input: ExportContactsInput = {}, options?: ExportOptions): Promise<Record<string, string>[]> {
  const { stream } = await exportContactsCsv(ctx, input, options);
  let text = "";
  for await (const chunk of stream) text += String(chunk);
  return parse(text, { columns: true }) as Record<string, string>[];
}

const emails = (rows: Record<string, string>[]) => rows.map((r) => r.Email);

describe("GET /api/v1/contacts/export", () => {
  it("streams a CSV attachment with formula cells neutralised, without deleted or other-workspace contacts", async () => {
    const res = await route(aKey);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await res.text();
    const [header, ...rows] = parse(text) as string[][];
    expect(header).toEqual([
      "ID",
      "Email",
      "First name",
      "Last name",
      "Phone",
      "Job title",
      "Seniority",
      "Department",
      "Company",
      "Company domain",
      "Country",
      "Time zone",
      "Lifecycle stage",
      "Tags",
      "Score",
      "Tier",
      "Email consent",
      "Do not contact",
      "Source",
      "Created at",
      "Updated at",
      "custom.plan",
    ]);
    expect(rows.map((r) => r[1])).toEqual(["formula@example.com", "lead@example.com", "other@example.com"]);
    const f = Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]));
    expect(f).toMatchObject({
      "First name": "'=1+2",
      "Last name": "'-Minus",
      "Job title": "'@SUM(A1)",
      Phone: "'+442071838750",
      Company: "Acme",
      "Company domain": "acme.example",
      Tags: "vip; newsletter",
      "Lifecycle stage": "customer",
      "custom.plan": "'=cmd|' /C calc'!A0",
    });
    expect(text).not.toContain("secret@b.example");
    const [audit] = await getDb().select().from(auditLog).where(and(eq(auditLog.workspaceId, a.id), eq(auditLog.action, "contacts.export")));
    expect(audit).toBeDefined();
  });

  it("applies the list's filters", async () => {
    expect(emails(await exported(a.ctx("owner"), { stage: "lead" }))).toEqual(["lead@example.com", "other@example.com"]);
    expect(emails(await exported(a.ctx("owner"), { tag: "VIP" }))).toEqual(["formula@example.com", "lead@example.com"]);
    expect(emails(await exported(a.ctx("owner"), { q: "ott" }))).toEqual(["other@example.com"]);
    // The list's search: a prefix of the email or a name, never a substring, so the file holds what the list shows.
    expect(emails(await exported(a.ctx("owner"), { q: "ther" }))).toEqual([]);
    expect((await listContacts(a.ctx("owner"), { q: "ther" })).items).toEqual([]);
    expect(emails(await exported(a.ctx("owner"), { companyId: ids.acme }))).toEqual(["formula@example.com"]);
    expect(emails(await exported(a.ctx("owner"), { ownerUserId: a.users.manager.id }))).toEqual(["lead@example.com"]);
    expect(emails(await exported(a.ctx("owner"), { segmentId: ids.segment }))).toEqual(["lead@example.com", "other@example.com"]);
    expect(emails(await exported(a.ctx("owner"), { segmentId: ids.segment, stage: "lead", q: "lea" }))).toEqual(["lead@example.com"]);
    const res = await route(aKey, `?stage=lead&tag=vip`);
    expect(emails(parse(await res.text(), { columns: true }) as Record<string, string>[])).toEqual(["lead@example.com"]);
  });

  it("answers 404 for another workspace's segment or company, 422 for a bad filter and 403 without contacts.export", async () => {
    for (const q of [`?segmentId=${ids.bSegment}`, `?companyId=${ids.bCompany}`]) {
      const res = await route(aKey, q);
      expect(res.status, q).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toMatch(/NOT_FOUND$/);
    }
    expect((await route(aKey, "?stage=hot")).status).toBe(422);
    expect((await route(viewerKey)).status).toBe(403);
  });

  it("uses the segments engine's provider when one is registered, or the one passed in", async () => {
    registerSegmentContactIds((ctx) => sql`select id from contacts where workspace_id = ${ctx.workspaceId} and email = 'formula@example.com'`);
    expect(emails(await exported(a.ctx("owner"), { segmentId: ids.segment }))).toEqual(["formula@example.com"]);
    const viaOption = await exported(a.ctx("owner"), { segmentId: ids.segment }, {
      segmentContactIds: (ctx) => sql`select id from contacts where workspace_id = ${ctx.workspaceId} and email = 'other@example.com'`,
    });
    expect(emails(viaOption)).toEqual(["other@example.com"]);
  });
});

describe("keyset batches", () => {
  it("never skips or repeats a contact, even when many share a created_at", async () => {
    const ws = await makeWorkspace(getDb());
    const same = new Date("2026-02-02T10:00:00.123456Z");
    await getDb()
      .insert(contacts)
      .values(Array.from({ length: 23 }, (_, i) => ({ workspaceId: ws.id, email: `k${i}@batch.example`, createdAt: i < 15 ? same : new Date(Date.UTC(2026, 1, 1, 0, 0, i)) })));
    const rows = await exported(ws.ctx("owner"), {}, { batchSize: 4 });
    expect(rows).toHaveLength(23);
    expect(new Set(emails(rows)).size).toBe(23);
    const all = await getDb().select({ id: contacts.id }).from(contacts).where(eq(contacts.workspaceId, ws.id)).orderBy(asc(contacts.id));
    expect(rows.map((r) => r.ID).sort()).toEqual(all.map((r) => r.id).sort());
  });
});

describe("round trip", () => {
  const manualBoss = { createQueue: async () => {}, send: async () => crypto.randomUUID() } as unknown as PgBoss;

  async function reimport(ctx: Ctx, csv: string, policy: "skip" | "update") {
    const form = new FormData();
    form.append("file", new Blob([csv], { type: "text/csv" }), "export.csv");
    const req = new Request("http://localhost/api/v1/contacts/imports", { method: "POST", body: form });
    const preview = await uploadImport(ctx, { headers: req.headers, body: req.body });
    await startImport(ctx, preview.id, { mapping: preview.suggestedMapping as never, policy }, { boss: manualBoss });
    await runContactImport(getDb(), { importId: preview.id, workspaceId: ctx.workspaceId });
    return { preview, imp: await getImport(ctx, preview.id) };
  }

  it("an export re-imports: into the same workspace it changes nothing, into a new one it recreates the values", async () => {
    const { stream } = await exportContactsCsv(a.ctx("owner"), {});
    let csv = "";
    for await (const chunk of stream) csv += String(chunk);

    const same = await reimport(a.ctx("owner"), csv, "update");
    expect(same.preview.suggestedMapping).toMatchObject({ Email: "email", Phone: "phone", "Job title": "title", "custom.plan": "custom.plan", ID: null });
    expect(same.imp).toMatchObject({ status: "completed", inserted: 0, updated: 0, skipped: 3 });

    const fresh = await makeWorkspace(getDb());
    const copy = await reimport(fresh.ctx("owner"), csv, "skip");
    expect(copy.imp).toMatchObject({ status: "completed", inserted: 3, errorRows: 0 });
    const [f] = await getDb().select().from(contacts).where(and(eq(contacts.workspaceId, fresh.id), eq(contacts.email, "formula@example.com")));
    expect(f).toMatchObject({
      firstName: "=1+2",
      lastName: "-Minus",
      title: "@SUM(A1)",
      phone: "+442071838750",
      tags: ["vip", "newsletter"],
      lifecycleStage: "customer",
      emailConsent: "opted_in",
      custom: { plan: "=cmd|' /C calc'!A0" },
    });
    const [o] = await getDb().select().from(contacts).where(and(eq(contacts.workspaceId, fresh.id), eq(contacts.email, "other@example.com")));
    expect(o!.doNotContact).toBe(true);
  });
});
