// Waterfall enrichment against a real database and a local website on 127.0.0.1 (reachable only once allow-listed):
// provenance per field, user and higher-confidence values kept, companies found or created from email domains, the AI
// summary from the offline provider, runs through the job queue with progress, cancellation, idempotency, REST and tenancy.
import { and, eq } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, companies, contactImports, contacts, customFieldDefs, enrichmentAllowHosts, segmentMembers, segments, type Company, type Contact } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import {
  addAllowHost,
  cancelEnrichmentRun,
  ENRICHMENT_JOBS,
  EnrichmentRateLimitedError,
  enrichAfterImport,
  enrichContact,
  enrichContacts,
  enrichSegment,
  getEnrichmentRun,
  listAllowHosts,
  listEnrichmentRuns,
  postgresWebsiteLimiter,
  processEnrichmentBatch,
  removeAllowHost,
  runWaterfall,
  type EnrichmentReport,
  type EnrichmentRun,
} from "@/lib/crm/enrichment";
import { setEnv } from "@/lib/env";
import { startQueue, startWorkers, stopQueue, type Queue } from "@/lib/jobs";
import { createApiKey } from "@/lib/workspaces";
import { startFixtureSite, type FixtureSite } from "../fixtures/websites/server";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";

const getDb = setupTestDb();
let site: FixtureSite;
let queue: Queue;
let ws: TestWorkspace;
let other: TestWorkspace;
let ownerKey = "";
let viewerKey = "";

/** A queue stand-in that records what would be enqueued and runs nothing. */
function recordingBoss() {
  const sent: { name: string; data: { contactIds: string[] } }[] = [];
  const boss = {
    createQueue: async () => {},
    send: async (name: string, data: { contactIds: string[] }) => {
      sent.push({ name, data });
      return crypto.randomUUID();
    },
    insert: async (jobs: { name: string; data: { contactIds: string[] } }[]) => {
      sent.push(...jobs);
    },
  } as unknown as PgBoss;
  return { boss, sent };
}

async function insertContact(db: Db, workspaceId: string, values: Partial<typeof contacts.$inferInsert>): Promise<Contact> {
  const [c] = await db.insert(contacts).values({ workspaceId, ...values }).returning();
  return c!;
}

async function insertCompany(db: Db, workspaceId: string, values: Partial<typeof companies.$inferInsert> & { name: string }): Promise<Company> {
  const [c] = await db.insert(companies).values({ workspaceId, ...values }).returning();
  return c!;
}

async function reload(db: Db, id: string): Promise<{ contact: Contact; company: Company | null }> {
  const [contact] = await db.select().from(contacts).where(eq(contacts.id, id));
  const company = contact!.companyId ? ((await db.select().from(companies).where(eq(companies.id, contact!.companyId)))[0] ?? null) : null;
  return { contact: contact!, company };
}

function providerReport(report: EnrichmentReport, name: string) {
  const r = report.providers.find((p) => p.provider === name);
  if (!r) throw new Error(`no ${name} report`);
  return r;
}

async function waitForRun(ctxRun: () => Promise<EnrichmentRun>, ms = 20_000): Promise<EnrichmentRun> {
  const until = Date.now() + ms;
  for (;;) {
    const run = await ctxRun();
    if (run.status !== "queued" && run.status !== "running") return run;
    if (Date.now() > until) throw new Error(`run still ${run.status}: ${run.done + run.failed}/${run.total}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

beforeAll(async () => {
  const db = getDb();
  const url = db.$client.options.connectionString!;
  setEnv("DATABASE_URL", url);
  // The REST route enqueues on the process queue (lib/jobs/runtime); this file's own queue runs the workers.
  setEnv("RUN_WORKERS", "false");
  site = await startFixtureSite();
  ws = await makeWorkspace(db, "Acme Enrich");
  other = await makeWorkspace(db, "Other Enrich");
  ownerKey = (await createApiKey(ws.ctx("owner"), { name: "CI", role: "owner" })).key;
  viewerKey = (await createApiKey(ws.ctx("owner"), { name: "RO", role: "viewer" })).key;
  queue = await startQueue(url, { supervise: false, schedule: false });
  await startWorkers(queue, ENRICHMENT_JOBS);
});

afterAll(async () => {
  await stopQueue();
  await queue?.stop();
  await site?.close();
});

describe("the waterfall on one contact", () => {
  let contactId = "";
  let companyId = "";

  beforeAll(async () => {
    const db = getDb();
    // A person typed the company's name and website, and the contact's country: those are theirs, whatever a provider finds.
    const company = await insertCompany(db, ws.id, { name: "Acme", website: `${site.origin}/acme.html` });
    companyId = company.id;
    const c = await insertContact(db, ws.id, {
      email: "jane.doe@acme-bakery.example",
      title: "Head of Marketing",
      phone: "020 7183 8750",
      country: "GB",
      companyId,
    });
    contactId = c.id;
  });

  it("cannot reach the local website (loopback) before 127.0.0.1 is allow-listed, and fills what it can without it", async () => {
    const report = await runWaterfall(ws.ctx("marketer"), contactId, { force: true });
    expect(providerReport(report, "website")).toMatchObject({ status: "failed", reason: "refused: 127.0.0.1 is a loopback address" });
    const { contact, company } = await reload(getDb(), contactId);
    expect(contact).toMatchObject({ firstName: "Jane", lastName: "Doe", seniority: "head", department: "marketing", country: "GB" });
    // The phone a person typed is reformatted to E.164 and stays theirs (no provenance entry).
    expect(contact.phone).toBe("+442071838750");
    expect(contact.provenance.phone).toBeUndefined();
    expect(contact.provenance.country).toBeUndefined();
    expect(contact.custom).toMatchObject({ email_type: "corporate", email_role_account: false });
    // The fields it filled are defined in the workspace, so they are listed and exported like any other.
    const defs = await getDb().select().from(customFieldDefs).where(eq(customFieldDefs.workspaceId, ws.id));
    expect(defs.map((d) => [d.key, d.label, d.type]).sort()).toEqual([
      ["email_role_account", "Email role account", "boolean"],
      ["email_type", "Email type", "text"],
    ]);
    expect(company).toMatchObject({ name: "Acme", domain: "acme-bakery.example", description: null, social: {} });
    expect(company!.provenance._website).toMatchObject({ provider: "website:failed" });
  });

  it("records provenance {provider, confidence, at} for every enriched field", async () => {
    const { contact, company } = await reload(getDb(), contactId);
    expect(contact.provenance.firstName).toEqual({ provider: "email", confidence: 0.5, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(contact.provenance.lastName).toMatchObject({ provider: "email", confidence: 0.5 });
    expect(contact.provenance.seniority).toMatchObject({ provider: "title", confidence: 0.8 });
    expect(contact.provenance.department).toMatchObject({ provider: "title", confidence: 0.75 });
    expect(contact.provenance["custom.email_type"]).toMatchObject({ provider: "email", confidence: 0.95 });
    expect(company!.provenance.domain).toMatchObject({ provider: "email", confidence: 0.9 });
    expect(company!.provenance.name).toBeUndefined();
    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ws.id), eq(auditLog.entityId, contactId), eq(auditLog.action, "contact.enrich")));
    expect(audit?.after).toMatchObject({ firstName: "Jane", lastName: "Doe", fieldsFilled: expect.any(Number) });
  });

  it("produces an AI summary through the gateway (offline provider), with provenance naming it", async () => {
    const { company } = await reload(getDb(), contactId);
    expect(company!.summary).toMatch(/Acme/);
    expect(company!.provenance.summary).toMatchObject({ provider: "offline", confidence: 0.5 });
  });

  it("reaches the website through the allow-list and fills the company from it", async () => {
    await addAllowHost(ws.ctx("admin"), { host: "127.0.0.1" });
    const { report } = await enrichContact(ws.ctx("marketer"), contactId);
    const website = providerReport(report, "website");
    expect(website.status).toBe("ran");
    expect(website.filled.map((f) => f.field).sort()).toEqual(
      [
        "company.country",
        "company.description",
        "company.employeeCount",
        "company.social.facebook",
        "company.social.github",
        "company.social.instagram",
        "company.social.linkedin",
        "company.social.tiktok",
        "company.social.x",
        "company.social.youtube",
      ].sort(),
    );
    const { company } = await reload(getDb(), contactId);
    // Name and website were typed by a person: kept although the page says otherwise.
    expect(company).toMatchObject({
      name: "Acme",
      website: `${site.origin}/acme.html`,
      description: "Acme Bakery bakes organic sourdough and pastries for cafés and shops across Yorkshire.",
      employeeCount: 42,
      country: "GB",
    });
    expect(company!.social).toMatchObject({ linkedin: "https://www.linkedin.com/company/acme-bakery", x: "https://x.com/acmebakery" });
    expect(company!.provenance.description).toMatchObject({ provider: "website", confidence: 0.8 });
    expect(company!.provenance["social.linkedin"]).toMatchObject({ provider: "website", confidence: 0.8 });
    expect(company!.provenance._website).toMatchObject({ provider: "website" });
    // The offline summary is refreshed from the richer facts, still attributed to the offline provider.
    expect(company!.summary).toContain("organic sourdough");
    expect(company!.provenance.summary).toMatchObject({ provider: "offline" });
  });

  it("skips the website in a later run while its fetch is recent, and stops a filled field", async () => {
    const report = await runWaterfall(ws.ctx("marketer"), contactId);
    expect(providerReport(report, "website")).toMatchObject({ status: "skipped" });
    expect(report.fieldsFilled).toBe(0);
  });

  it("refuses a website that redirects from the allowed server to a private address", async () => {
    const db = getDb();
    const company = await insertCompany(db, ws.id, { name: "Redirecting Co", website: `${site.origin}/redirect-private` });
    const c = await insertContact(db, ws.id, { email: "ann@redirecting.example", companyId: company.id });
    const report = await runWaterfall(ws.ctx("marketer"), c.id);
    expect(providerReport(report, "website")).toMatchObject({ status: "failed", reason: "refused: 10.0.0.1 is a private address" });
  });

  it("lets only admins manage the allow-list, per workspace", async () => {
    await expect(addAllowHost(ws.ctx("marketer"), { host: "intranet.example" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await listAllowHosts(ws.ctx("admin"))).map((h) => h.host)).toEqual(["127.0.0.1"]);
    expect(await listAllowHosts(other.ctx("admin"))).toEqual([]);
    await expect(removeAllowHost(other.ctx("owner"), { host: "127.0.0.1" })).rejects.toMatchObject({ code: "ALLOW_HOST_NOT_FOUND" });
    expect((await addAllowHost(ws.ctx("admin"), { host: "HTTP://Intranet.Example./path" })).host).toBe("intranet.example");
    // The engine validates with the shared schema; the REST layer maps this to 422.
    await expect(addAllowHost(ws.ctx("admin"), { host: "intranet.example:8080" })).rejects.toThrow(/without a port/);
    await removeAllowHost(ws.ctx("admin"), { host: "intranet.example" });
  });
});

describe("what the waterfall must never overwrite", () => {
  it("keeps user values and values at or above the threshold; replaces only weaker provider values", async () => {
    const db = getDb();
    const at = "2026-01-01T00:00:00.000Z";
    const company = await insertCompany(db, ws.id, {
      name: "Globex",
      website: `${site.origin}/array-jsonld.html`,
      description: "Curated by our analyst.",
      employeeCount: 7,
      provenance: { description: { provider: "analyst-import", confidence: 0.95, at }, employeeCount: { provider: "guess", confidence: 0.3, at } },
    });
    const c = await insertContact(db, ws.id, {
      email: "sam.lee@globex.example",
      firstName: "Samantha",
      lastName: "Leigh",
      department: "sales",
      title: "Marketing Manager",
      companyId: company.id,
      provenance: { lastName: { provider: "crm-import", confidence: 0.9, at }, department: { provider: "guess", confidence: 0.2, at } },
    });
    const report = await runWaterfall(ws.ctx("marketer"), c.id);
    const { contact, company: co } = await reload(db, c.id);
    // firstName: typed by a person (no provenance). lastName: 0.9 ≥ threshold. Both stay.
    expect(contact.firstName).toBe("Samantha");
    expect(contact.provenance.firstName).toBeUndefined();
    expect(contact.lastName).toBe("Leigh");
    expect(contact.provenance.lastName).toEqual({ provider: "crm-import", confidence: 0.9, at });
    // department: a 0.2 guess gives way to the title's 0.75.
    expect(contact.department).toBe("marketing");
    expect(contact.provenance.department).toMatchObject({ provider: "title", confidence: 0.75 });
    // description: 0.95 from an import stays; employeeCount: a 0.3 guess is replaced by the page's range (0.5).
    expect(co!.description).toBe("Curated by our analyst.");
    expect(co!.provenance.description).toEqual({ provider: "analyst-import", confidence: 0.95, at });
    expect(co!.employeeCount).toBe(350);
    expect(co!.provenance.employeeCount).toMatchObject({ provider: "website", confidence: 0.5 });
    const filled = report.providers.flatMap((p) => p.filled.map((f) => f.field));
    expect(filled).not.toContain("contact.firstName");
    expect(filled).not.toContain("contact.lastName");
    expect(filled).not.toContain("company.description");
  });

  it("does not let a later, weaker source replace a stronger enriched value", async () => {
    const db = getDb();
    const at = "2026-01-01T00:00:00.000Z";
    const c = await insertContact(db, ws.id, { email: "kim.park@initech.example", department: "legal", title: "Marketing Manager", provenance: { department: { provider: "vendor", confidence: 0.6, at } } });
    await runWaterfall(ws.ctx("marketer"), c.id, { threshold: 0.9 });
    // Below a 0.9 threshold, but the title's 0.75 beats 0.6: replaced. Then a 0.75 value is not replaced by an equal other source.
    expect((await reload(db, c.id)).contact.department).toBe("marketing");
    await db.update(contacts).set({ department: "legal", provenance: { department: { provider: "vendor", confidence: 0.8, at } } }).where(eq(contacts.id, c.id));
    await runWaterfall(ws.ctx("marketer"), c.id, { threshold: 0.9 });
    expect((await reload(db, c.id)).contact).toMatchObject({ department: "legal", provenance: { department: { provider: "vendor", confidence: 0.8 } } });
  });
});

describe("companies from email domains", () => {
  it("creates the company once for a corporate domain and links later contacts to it; free-mail gets none", async () => {
    const db = getDb();
    const a = await insertContact(db, ws.id, { email: "li.wei@hooli-logistics.example" });
    const b = await insertContact(db, ws.id, { email: "raj.patel@hooli-logistics.example" });
    const free = await insertContact(db, ws.id, { email: "someone@gmail.com" });
    const ra = await runWaterfall(ws.ctx("marketer"), a.id);
    expect(ra.companyCreated).toBe(true);
    const rb = await runWaterfall(ws.ctx("marketer"), b.id);
    expect(rb.companyCreated).toBe(false);
    expect(rb.companyId).toBe(ra.companyId);
    const rows = await db.select().from(companies).where(and(eq(companies.workspaceId, ws.id), eq(companies.domain, "hooli-logistics.example")));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: "Hooli Logistics", domains: ["hooli-logistics.example"] });
    expect(rows[0]!.provenance.name).toMatchObject({ provider: "email", confidence: 0.3 });
    const { contact } = await reload(db, b.id);
    expect(contact.provenance.companyId).toMatchObject({ provider: "email", confidence: 0.9 });
    const rf = await runWaterfall(ws.ctx("marketer"), free.id);
    expect(rf.companyId).toBeNull();
    expect((await reload(db, free.id)).contact.custom).toMatchObject({ email_type: "free" });
  });

  it("refuses to enrich without contacts.write, and answers not-found for another workspace's contact", async () => {
    const c = await insertContact(getDb(), ws.id, { email: "nobody@acme-bakery.example" });
    await expect(runWaterfall(ws.ctx("viewer"), c.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(runWaterfall(other.ctx("owner"), c.id)).rejects.toMatchObject({ code: "CONTACT_NOT_FOUND" });
    await expect(enrichContact(other.ctx("owner"), c.id)).rejects.toMatchObject({ code: "CONTACT_NOT_FOUND" });
  });
});

describe("website rate limits", () => {
  it("allows N at once and M per minute per workspace, and leaves other workspaces alone", async () => {
    const limiter = postgresWebsiteLimiter(getDb().$client, { concurrent: 1, perMinute: 2 });
    const wsA = `rl-${crypto.randomUUID()}`;
    const wsB = `rl-${crypto.randomUUID()}`;
    const first = await limiter.acquire(wsA, 0);
    // The one slot is held: a second fetch waits, then gives up.
    await expect(limiter.acquire(wsA, 300)).rejects.toBeInstanceOf(EnrichmentRateLimitedError);
    // Another workspace has its own slots.
    await (await limiter.acquire(wsB, 0))();
    await first();
    await (await limiter.acquire(wsA, 0))();
    // Two fetches started this minute: the third is refused with a retry time.
    const e = await limiter.acquire(wsA, 0).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EnrichmentRateLimitedError);
    expect((e as EnrichmentRateLimitedError).retryAfterMs).toBeGreaterThan(0);
  });

  it("skips the website step when the workspace is out of fetches, and fills the rest", async () => {
    const c = await insertContact(getDb(), ws.id, { email: "max@ratelimited.example", title: "CFO" });
    const report = await runWaterfall(ws.ctx("marketer"), c.id, {
      limiter: {
        acquire: async () => {
          throw new EnrichmentRateLimitedError(30_000);
        },
      },
    });
    expect(providerReport(report, "website")).toMatchObject({ status: "skipped", reason: "rate limited: website fetches for this workspace resume in 30 s" });
    expect(providerReport(report, "title").filled.map((f) => f.field)).toEqual(["contact.seniority", "contact.department"]);
  });
});

describe("runs through the job queue", () => {
  it("enriches a static segment's members, reporting progress until completed", async () => {
    const db = getDb();
    const ids: string[] = [];
    for (const [i, email] of ["ana.silva@umbrella-bio.example", "tom.berg@umbrella-bio.example", "info@umbrella-bio.example"].entries()) {
      ids.push((await insertContact(db, ws.id, { email, title: i === 0 ? "VP Sales" : null })).id);
    }
    const gone = await insertContact(db, ws.id, { email: "left@umbrella-bio.example", deletedAt: new Date() });
    const [seg] = await db.insert(segments).values({ workspaceId: ws.id, name: "Umbrella", kind: "static" }).returning();
    await db.insert(segmentMembers).values([...ids, gone.id].map((contactId) => ({ workspaceId: ws.id, segmentId: seg!.id, contactId })));

    const started = await enrichSegment(ws.ctx("marketer"), seg!.id, { boss: queue.boss });
    expect(started).toMatchObject({ scope: "segment", targetId: seg!.id, total: 3, status: "queued" });
    const run = await waitForRun(() => getEnrichmentRun(ws.ctx("viewer"), started.id));
    expect(run).toMatchObject({ status: "completed", total: 3, done: 3, failed: 0 });
    expect(run.fieldsFilled).toBeGreaterThan(5);
    expect(run.finishedAt).not.toBeNull();
    const rows = await db.select().from(contacts).where(and(eq(contacts.workspaceId, ws.id), eq(contacts.id, ids[0]!)));
    expect(rows[0]).toMatchObject({ firstName: "Ana", lastName: "Silva", seniority: "vp", department: "sales" });
    const info = (await reload(db, ids[2]!)).contact;
    expect(info.firstName).toBeNull();
    expect(info.custom).toMatchObject({ email_role_account: true });
    expect((await listEnrichmentRuns(ws.ctx("viewer"))).items.map((r) => r.id)).toContain(started.id);
    expect((await listEnrichmentRuns(other.ctx("owner"))).items.map((r) => r.id)).not.toContain(started.id);
    await expect(getEnrichmentRun(other.ctx("owner"), started.id)).rejects.toMatchObject({ code: "ENRICHMENT_RUN_NOT_FOUND" });
  });

  it("enriches a list of contacts in batches through the queue", async () => {
    const db = getDb();
    const ids: string[] = [];
    for (let i = 0; i < 45; i++) ids.push((await insertContact(db, ws.id, { email: `person${i}.bulk@wayne-ent.example` })).id);
    const started = await enrichContacts(ws.ctx("marketer"), ids, { boss: queue.boss });
    const run = await waitForRun(() => getEnrichmentRun(ws.ctx("viewer"), started.id), 40_000);
    expect(run).toMatchObject({ status: "completed", total: 45, done: 45, failed: 0 });
    const linked = await db.select({ companyId: contacts.companyId }).from(contacts).where(eq(contacts.workspaceId, ws.id));
    const wayne = await db.select().from(companies).where(and(eq(companies.workspaceId, ws.id), eq(companies.domain, "wayne-ent.example")));
    expect(wayne).toHaveLength(1);
    expect(linked.filter((l) => l.companyId === wayne[0]!.id)).toHaveLength(45);
  });

  it("counts each contact once when a batch is delivered twice, and a deleted contact as failed", async () => {
    const db = getDb();
    const { boss, sent } = recordingBoss();
    const a = await insertContact(db, ws.id, { email: "twice.a@stark.example" });
    const b = await insertContact(db, ws.id, { email: "twice.b@stark.example" });
    const run = await enrichContacts(ws.ctx("marketer"), [a.id, b.id], { boss });
    expect(sent).toHaveLength(1);
    await db.update(contacts).set({ deletedAt: new Date() }).where(eq(contacts.id, b.id));
    const payload = sent[0]!.data as { runId: string; workspaceId: string; contactIds: string[] };
    expect(await processEnrichmentBatch(db, payload)).toMatchObject({ enriched: 1, failed: 1 });
    expect(await processEnrichmentBatch(db, payload)).toMatchObject({ stopped: "completed" });
    const after = await getEnrichmentRun(ws.ctx("viewer"), run.id);
    expect(after).toMatchObject({ status: "completed", total: 2, done: 1, failed: 1 });
  });

  it("stops a cancelled run before touching its contacts", async () => {
    const db = getDb();
    const { boss, sent } = recordingBoss();
    const c = await insertContact(db, ws.id, { email: "cancel.me@oscorp.example" });
    const run = await enrichContacts(ws.ctx("marketer"), [c.id], { boss });
    const cancelled = await cancelEnrichmentRun(ws.ctx("marketer"), run.id);
    expect(cancelled.status).toBe("cancelled");
    await expect(cancelEnrichmentRun(ws.ctx("marketer"), run.id)).rejects.toMatchObject({ code: "ENRICHMENT_RUN_FINISHED" });
    await expect(cancelEnrichmentRun(other.ctx("owner"), run.id)).rejects.toMatchObject({ code: "ENRICHMENT_RUN_NOT_FOUND" });
    expect(await processEnrichmentBatch(db, sent[0]!.data as never)).toMatchObject({ stopped: "cancelled", enriched: 0 });
    expect((await reload(db, c.id)).contact.firstName).toBeNull();
  });

  it("enriches the contacts an import created: those created between its start and its end", async () => {
    const db = getDb();
    const { boss, sent } = recordingBoss();
    const t0 = new Date("2026-02-01T10:00:00Z");
    const t1 = new Date("2026-02-01T10:05:00Z");
    const [imp] = await db
      .insert(contactImports)
      .values({ workspaceId: ws.id, fileName: "leads.csv", filePath: "/tmp/leads.csv", fileBytes: 10, status: "completed", createdAt: t0, finishedAt: t1 })
      .returning();
    const inside = await insertContact(db, ws.id, { email: "in1@lexcorp.example", createdAt: new Date("2026-02-01T10:01:00Z") });
    const inside2 = await insertContact(db, ws.id, { email: "in2@lexcorp.example", createdAt: new Date("2026-02-01T10:04:59Z") });
    await insertContact(db, ws.id, { email: "before@lexcorp.example", createdAt: new Date("2026-02-01T09:59:59Z") });
    await insertContact(db, ws.id, { email: "after@lexcorp.example", createdAt: new Date("2026-02-01T10:05:01Z") });
    await insertContact(db, other.id, { email: "theirs@lexcorp.example", createdAt: new Date("2026-02-01T10:02:00Z") });
    const run = await enrichAfterImport(ws.ctx("marketer"), imp!.id, { boss });
    expect(run).toMatchObject({ scope: "import", targetId: imp!.id, total: 2 });
    expect(sent.flatMap((s) => s.data.contactIds)).toEqual([inside.id, inside2.id]);
    await expect(enrichAfterImport(other.ctx("owner"), imp!.id, { boss })).rejects.toMatchObject({ code: "IMPORT_NOT_FOUND" });
    const [running] = await db.insert(contactImports).values({ workspaceId: ws.id, fileName: "b.csv", filePath: "/tmp/b.csv", fileBytes: 1, status: "committing" }).returning();
    await expect(enrichAfterImport(ws.ctx("marketer"), running!.id, { boss })).rejects.toMatchObject({ code: "IMPORT_NOT_FINISHED" });
  });

  it("refuses another workspace's contacts and segments as not found, enqueuing nothing", async () => {
    const db = getDb();
    const { boss, sent } = recordingBoss();
    const theirs = await insertContact(db, other.id, { email: "x@their.example" });
    const mine = await insertContact(db, ws.id, { email: "y@mine.example" });
    await expect(enrichContacts(ws.ctx("marketer"), [mine.id, theirs.id], { boss })).rejects.toMatchObject({ code: "CONTACT_NOT_FOUND" });
    const [seg] = await db.insert(segments).values({ workspaceId: other.id, name: "Theirs", kind: "static" }).returning();
    await expect(enrichSegment(ws.ctx("marketer"), seg!.id, { boss })).rejects.toMatchObject({ code: "SEGMENT_NOT_FOUND" });
    // An injected resolver (the segments engine) is trusted for membership, never for tenancy.
    const [mySeg] = await db.insert(segments).values({ workspaceId: ws.id, name: "Dynamic", kind: "dynamic" }).returning();
    const run = await enrichSegment(ws.ctx("marketer"), mySeg!.id, { boss, resolveSegmentContactIds: async () => [mine.id, theirs.id] });
    expect(run.total).toBe(1);
    expect(sent.flatMap((s) => s.data.contactIds)).toEqual([mine.id]);
  });
});

describe("REST", () => {
  const call = async (mod: string, method: string, url: string, opts: { key?: string; body?: unknown; params?: Record<string, string> } = {}) => {
    const handlers = (await import(mod)) as Record<string, (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>>;
    const req = new Request(`http://localhost${url}`, {
      method,
      headers: { authorization: `Bearer ${opts.key ?? ownerKey}`, ...(opts.body ? { "content-type": "application/json" } : {}) },
      body: opts.body ? JSON.stringify(opts.body) : undefined,
    });
    const res = await handlers[method]!(req, { params: Promise.resolve(opts.params ?? {}) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> & { error?: { code: string } } };
  };

  it("POST /api/v1/contacts/{id}/enrich returns the run and the per-provider report; another workspace's contact is 404", async () => {
    const c = await insertContact(getDb(), ws.id, { email: "rest.person@acme-bakery.example", title: "Chief Financial Officer" });
    const res = await call("@/app/api/v1/contacts/[id]/enrich/route", "POST", `/api/v1/contacts/${c.id}/enrich`, { params: { id: c.id } });
    expect(res.status).toBe(200);
    const body = res.json as unknown as { run: { status: string; done: number; progress: number }; report: EnrichmentReport };
    expect(body.run).toMatchObject({ status: "completed", done: 1, progress: 1 });
    expect(providerReport(body.report, "title").filled).toEqual([
      { field: "contact.seniority", value: "c_level", confidence: 0.8, mode: "fill" },
      { field: "contact.department", value: "finance", confidence: 0.75, mode: "fill" },
    ]);
    const theirs = await insertContact(getDb(), other.id, { email: "rest@their.example" });
    const foreign = await call("@/app/api/v1/contacts/[id]/enrich/route", "POST", `/api/v1/contacts/${theirs.id}/enrich`, { params: { id: theirs.id } });
    expect(foreign.status).toBe(404);
    expect(foreign.json.error?.code).toBe("CONTACT_NOT_FOUND");
    expect((await call("@/app/api/v1/contacts/[id]/enrich/route", "POST", `/api/v1/contacts/${c.id}/enrich`, { key: viewerKey, params: { id: c.id } })).status).toBe(403);
  });

  it("POST /api/v1/enrichment/runs starts a run that GET /api/v1/enrichment/runs/{id} reports to completion", async () => {
    const ids = [(await insertContact(getDb(), ws.id, { email: "r1@rest-run.example" })).id, (await insertContact(getDb(), ws.id, { email: "r2@rest-run.example" })).id];
    const created = await call("@/app/api/v1/enrichment/runs/route", "POST", "/api/v1/enrichment/runs", { body: { scope: "contacts", ids } });
    expect(created.status).toBe(202);
    expect(created.json).toMatchObject({ scope: "contacts", total: 2 });
    const id = created.json.id as string;
    const run = await waitForRun(async () => {
      const r = await call("@/app/api/v1/enrichment/runs/[id]/route", "GET", `/api/v1/enrichment/runs/${id}`, { params: { id } });
      expect(r.status).toBe(200);
      return { ...(r.json as unknown as EnrichmentRun) };
    });
    expect(run).toMatchObject({ status: "completed", done: 2 });
    const list = await call("@/app/api/v1/enrichment/runs/route", "GET", "/api/v1/enrichment/runs?limit=5");
    expect((list.json.items as { id: string }[]).map((r) => r.id)).toContain(id);
    expect((await call("@/app/api/v1/enrichment/runs/route", "POST", "/api/v1/enrichment/runs", { key: viewerKey, body: { scope: "contacts", ids } })).status).toBe(403);
    const bad = await call("@/app/api/v1/enrichment/runs/route", "POST", "/api/v1/enrichment/runs", { body: { scope: "segment" } });
    expect(bad.status).toBe(422);
  });

  it("answers 404 for another workspace's run, contacts, segment and import", async () => {
    const db = getDb();
    const theirContact = await insertContact(db, other.id, { email: "z@their.example" });
    const [theirSeg] = await db.insert(segments).values({ workspaceId: other.id, name: "S", kind: "static" }).returning();
    const [theirImport] = await db
      .insert(contactImports)
      .values({ workspaceId: other.id, fileName: "t.csv", filePath: "/tmp/t.csv", fileBytes: 1, status: "completed", finishedAt: new Date() })
      .returning();
    const { boss } = recordingBoss();
    const theirRun = await enrichContacts(other.ctx("owner"), [theirContact.id], { boss });
    const runs = "@/app/api/v1/enrichment/runs/route";
    for (const body of [
      { scope: "contacts", ids: [theirContact.id] },
      { scope: "segment", segmentId: theirSeg!.id },
      { scope: "import", importId: theirImport!.id },
    ]) {
      const r = await call(runs, "POST", "/api/v1/enrichment/runs", { body });
      expect(r.status, JSON.stringify(body)).toBe(404);
      expect(r.json.error?.code).toMatch(/NOT_FOUND$/);
    }
    const get = await call("@/app/api/v1/enrichment/runs/[id]/route", "GET", `/api/v1/enrichment/runs/${theirRun.id}`, { params: { id: theirRun.id } });
    expect(get.status).toBe(404);
    const cancel = await call("@/app/api/v1/enrichment/runs/[id]/cancel/route", "POST", `/api/v1/enrichment/runs/${theirRun.id}/cancel`, { params: { id: theirRun.id } });
    expect(cancel.status).toBe(404);
    expect((await getEnrichmentRun(other.ctx("owner"), theirRun.id)).status).toBe("queued");
  });

  it("GET/POST/DELETE /api/v1/enrichment/allow-hosts for admins only, per workspace", async () => {
    const hosts = "@/app/api/v1/enrichment/allow-hosts/route";
    await getDb().insert(enrichmentAllowHosts).values({ workspaceId: other.id, host: "their-intranet.example" });
    const added = await call(hosts, "POST", "/api/v1/enrichment/allow-hosts", { body: { host: "cms.internal.example" } });
    expect(added.status).toBe(201);
    expect(added.json.host).toBe("cms.internal.example");
    const list = await call(hosts, "GET", "/api/v1/enrichment/allow-hosts");
    expect((list.json.items as { host: string }[]).map((h) => h.host)).toEqual(["127.0.0.1", "cms.internal.example"]);
    const foreign = await call(hosts, "DELETE", "/api/v1/enrichment/allow-hosts?host=their-intranet.example");
    expect(foreign.status).toBe(404);
    expect(foreign.json.error?.code).toBe("ALLOW_HOST_NOT_FOUND");
    expect((await call(hosts, "DELETE", "/api/v1/enrichment/allow-hosts?host=cms.internal.example")).status).toBe(200);
    expect((await call(hosts, "GET", "/api/v1/enrichment/allow-hosts", { key: viewerKey })).status).toBe(403);
    const theirs = await getDb().select().from(enrichmentAllowHosts).where(eq(enrichmentAllowHosts.workspaceId, other.id));
    expect(theirs.map((h) => h.host)).toEqual(["their-intranet.example"]);
  });
});
