// The CRM core against a real Postgres: contacts and companies, lifecycle moves with history and the backward rule,
// events with idempotency, timeline, bulk actions with undo, duplicates and merge, consent, GDPR export and erase.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, contactEvents, contacts, lifecycleHistory, segmentMembers, segments } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import { createCampaign } from "@/lib/campaigns";
import {
  addNote,
  bulkContacts,
  changeStage,
  contactTimeline,
  createCompany,
  createContact,
  eraseContact,
  exportContactData,
  findDuplicates,
  getCompany,
  getContact,
  ingestEvents,
  listContacts,
  mergeContacts,
  setConsent,
  stageHistory,
  updateContact,
  upsertContactByEmail,
} from "@/lib/crm";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";

const getDb = setupTestDb();
let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  ws = await makeWorkspace(getDb(), "CRM");
  other = await makeWorkspace(getDb(), "Other");
});

describe("contacts", () => {
  it("normalises email, phone and country on create, and refuses a duplicate email case-insensitively", async () => {
    const c = await createContact(ws.ctx("marketer"), { email: " Jane.Doe@Example.COM ", firstName: "Jane", phone: "+44 20 7183 8750", country: "United Kingdom" });
    expect(c).toMatchObject({ email: "jane.doe@example.com", phone: "+442071838750", country: "GB", lifecycleStage: "subscriber" });
    await expect(createContact(ws.ctx("marketer"), { email: "JANE.DOE@example.com" })).rejects.toMatchObject({ code: "CONTACT_EMAIL_TAKEN" });
    await expect(createContact(ws.ctx("marketer"), { email: "not-an-email" })).rejects.toThrow(/valid email/);
    await expect(createContact(ws.ctx("marketer"), { phone: "12" , firstName: "X"})).rejects.toThrow(/phone/);
    // The same email in another workspace is another person.
    await expect(createContact(other.ctx("owner"), { email: "jane.doe@example.com" })).resolves.toBeTruthy();
  });

  it("upserts by email", async () => {
    const first = await upsertContactByEmail(ws.ctx("marketer"), { email: "up@example.com", firstName: "Up" });
    const second = await upsertContactByEmail(ws.ctx("marketer"), { email: "UP@example.com", title: "CMO" });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.contact).toMatchObject({ id: first.contact.id, firstName: "Up", title: "CMO" });
  });

  it("lists with keyset pages and filters, never another workspace's rows", async () => {
    for (let i = 0; i < 30; i++) await createContact(ws.ctx("marketer"), { email: `bulk${i}@acme.test`, lastName: `Zed${String(i).padStart(2, "0")}`, tags: i % 2 ? ["odd"] : [] });
    for (const sort of ["newest", "oldest", "name", "email", "score"] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listContacts(ws.ctx("viewer"), { sort, limit: 7, cursor });
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(seen).size, sort).toBe(seen.length);
      expect(seen.length, sort).toBe(32);
    }
    expect((await listContacts(ws.ctx("viewer"), { tag: "odd", limit: 100 })).items).toHaveLength(15);
    expect((await listContacts(ws.ctx("viewer"), { q: "bulk1", limit: 100 })).items.map((c) => c.email).sort()).toEqual(
      ["bulk1@acme.test", ...Array.from({ length: 10 }, (_, i) => `bulk1${i}@acme.test`)].sort(),
    );
    const theirs = await listContacts(other.ctx("owner"), { limit: 100 });
    expect(theirs.items.map((c) => c.email)).toEqual(["jane.doe@example.com"]);
  });

  it("bulk-deletes with undo, and tags in bulk", async () => {
    const page = await listContacts(ws.ctx("manager"), { tag: "odd", limit: 100 });
    const ids = page.items.map((c) => c.id);
    const del = await bulkContacts(ws.ctx("manager"), { action: "delete", ids });
    expect(del.affected).toBe(15);
    expect((await listContacts(ws.ctx("viewer"), { tag: "odd" })).items).toHaveLength(0);
    await expect(getContact(ws.ctx("viewer"), ids[0]!)).rejects.toMatchObject({ code: "CONTACT_NOT_FOUND" });
    const undo = await bulkContacts(ws.ctx("manager"), del.undo!);
    expect(undo.affected).toBe(15);
    const tagged = await bulkContacts(ws.ctx("marketer"), { action: "tag", ids, add: ["VIP"], remove: ["odd"] });
    expect(tagged.affected).toBe(15);
    expect((await getContact(ws.ctx("viewer"), ids[0]!)).tags).toEqual(["vip"]);
    await expect(bulkContacts(ws.ctx("marketer"), { action: "delete", ids })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Another workspace's ids are silently not touched.
    const foreign = await createContact(other.ctx("owner"), { email: "foreign@other.test" });
    expect((await bulkContacts(ws.ctx("manager"), { action: "delete", ids: [foreign.id] })).affected).toBe(0);
  });
});

describe("lifecycle", () => {
  it("moves forward freely, records who/when/why, and needs a permission to move backwards", async () => {
    const c = await createContact(ws.ctx("marketer"), { email: "funnel@acme.test" });
    await changeStage(ws.ctx("marketer"), { id: c.id, stage: "mql", reason: "score 65" });
    await changeStage(ws.ctx("marketer"), { id: c.id, stage: "customer" });
    await expect(changeStage(ws.ctx("marketer"), { id: c.id, stage: "lead" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateContact(ws.ctx("marketer"), { id: c.id, lifecycleStage: "sql" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await changeStage(ws.ctx("manager"), { id: c.id, stage: "lead", reason: "deal lost" });
    const history = await stageHistory(ws.ctx("viewer"), c.id);
    expect(history.map((h) => [h.fromStage, h.toStage])).toEqual([
      ["customer", "lead"],
      ["mql", "customer"],
      ["subscriber", "mql"],
      [null, "subscriber"],
    ]);
    expect(history[0]).toMatchObject({ actorLabel: ws.users.manager.email, reason: "deal lost" });
  });
});

describe("events and timeline", () => {
  it("ingests a batch by id and email, once per idempotency key, and shows it on the timeline", async () => {
    const campaign = await createCampaign(ws.ctx("marketer"), { name: "Spring" });
    const c = await createContact(ws.ctx("marketer"), { email: "events@acme.test" });
    const batch = {
      events: [
        { contactId: c.id, type: "email_open" as const, occurredAt: "2026-11-01T10:00:00Z", idempotencyKey: "k1", campaignId: campaign.id },
        { contactId: c.id, type: "email_click" as const, occurredAt: "2026-11-01T10:05:00Z", idempotencyKey: "k2", campaignId: campaign.id },
        { email: "NEWBIE@acme.test", type: "form_submit" as const, occurredAt: "2026-11-02T09:00:00Z", idempotencyKey: "k3" },
        { contactId: c.id, type: "purchase" as const, occurredAt: "2026-11-03T09:00:00Z", idempotencyKey: "k4", valueMinor: 4999 },
      ],
    };
    expect(await ingestEvents(ws.ctx("marketer"), batch)).toEqual({ accepted: 4, duplicates: 0, createdContacts: 1 });
    expect(await ingestEvents(ws.ctx("marketer"), batch)).toEqual({ accepted: 0, duplicates: 4, createdContacts: 0 });
    await addNote(ws.ctx("marketer"), { contactId: c.id, body: "Met at the conference." });
    const tl = await contactTimeline(ws.ctx("viewer"), c.id, { limit: 2 });
    expect(tl.items.map((e) => e.type)).toEqual(["note", "purchase"]);
    const rest = await contactTimeline(ws.ctx("viewer"), c.id, { cursor: tl.nextCursor! });
    expect(rest.items.map((e) => e.type)).toEqual(["email_click", "email_open", "lifecycle_change"].filter((t) => t !== "lifecycle_change"));
  });

  it("rejects a batch naming another workspace's contact or campaign, storing nothing", async () => {
    const foreign = await createContact(other.ctx("owner"), { email: "who@other.test" });
    const before = (await getDb().select().from(contactEvents).where(eq(contactEvents.workspaceId, ws.id))).length;
    await expect(
      ingestEvents(ws.ctx("marketer"), {
        events: [
          { email: "fine@acme.test", type: "page_view", occurredAt: "2026-11-02T09:00:00Z", idempotencyKey: "x1" },
          { contactId: foreign.id, type: "page_view", occurredAt: "2026-11-02T09:00:00Z", idempotencyKey: "x2" },
        ],
      }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect((await getDb().select().from(contactEvents).where(eq(contactEvents.workspaceId, ws.id))).length).toBe(before);
    expect(await getDb().select().from(contacts).where(and(eq(contacts.workspaceId, ws.id), eq(contacts.email, "fine@acme.test")))).toHaveLength(0);
  });
});

describe("duplicates and merge", () => {
  it("finds Gmail-style, phone and same-name-at-company duplicates", async () => {
    const co = await createCompany(ws.ctx("marketer"), { name: "Globex", domain: "https://www.globex.test/" });
    expect(co.domain).toBe("globex.test");
    await createContact(ws.ctx("marketer"), { email: "sam.smith@gmail.com", firstName: "Sam" });
    await createContact(ws.ctx("marketer"), { email: "samsmith+news@googlemail.com", firstName: "Samuel" });
    await createContact(ws.ctx("marketer"), { firstName: "Pat", phone: "+14155550100" });
    await createContact(ws.ctx("marketer"), { firstName: "Patricia", phone: "+1 (415) 555-0100" });
    await createContact(ws.ctx("marketer"), { firstName: "Alex", lastName: "Moore", companyId: co.id });
    await createContact(ws.ctx("marketer"), { firstName: "Alexander", lastName: "moore", companyId: co.id });
    expect((await getCompany(ws.ctx("viewer"), co.id)).contactCount).toBe(2);
    const pairs = await findDuplicates(ws.ctx("viewer"));
    const reasons = pairs.map((p) => p.reason).sort();
    expect(reasons).toEqual(["same_email", "same_name_same_company", "same_phone"]);
  });

  it("merges the loser into the winner with picked fields, carrying timeline, notes, tags and memberships", async () => {
    const w = await createContact(ws.ctx("marketer"), { email: "winner@acme.test", firstName: "Win", tags: ["a"] });
    const l = await createContact(ws.ctx("marketer"), { email: "loser@acme.test", firstName: "Lose", title: "VP Marketing", tags: ["b"] });
    await addNote(ws.ctx("marketer"), { contactId: l.id, body: "loser's note" });
    const [seg] = await getDb().insert(segments).values({ workspaceId: ws.id, name: "List", kind: "static" }).returning();
    await getDb().insert(segmentMembers).values({ workspaceId: ws.id, segmentId: seg!.id, contactId: l.id });
    const merged = await mergeContacts(ws.ctx("manager"), { winnerId: w.id, loserId: l.id, pick: { email: "loser" } });
    expect(merged).toMatchObject({ id: w.id, email: "loser@acme.test", firstName: "Win", title: "VP Marketing", tags: ["a", "b"] });
    await expect(getContact(ws.ctx("viewer"), l.id)).rejects.toMatchObject({ code: "CONTACT_NOT_FOUND" });
    const tl = await contactTimeline(ws.ctx("viewer"), w.id);
    expect(tl.items.map((e) => e.type)).toEqual(expect.arrayContaining(["merged", "note"]));
    const m = await getDb().select().from(segmentMembers).where(eq(segmentMembers.segmentId, seg!.id));
    expect(m.map((x) => x.contactId)).toEqual([w.id]);
    const [audit] = await getDb().select().from(auditLog).where(eq(auditLog.action, "contact.merge"));
    expect(audit?.entityId).toBe(w.id);
  });
});

describe("consent and GDPR", () => {
  it("records consent changes on the timeline", async () => {
    const c = await createContact(ws.ctx("marketer"), { email: "optout@acme.test" });
    const updated = await setConsent(ws.ctx("marketer"), { id: c.id, emailConsent: "opted_out", doNotContact: true });
    expect(updated).toMatchObject({ emailConsent: "opted_out", doNotContact: true });
    expect((await contactTimeline(ws.ctx("viewer"), c.id)).items[0]?.type).toBe("consent_change");
  });

  it("exports one person's data and erases it everywhere, leaving a tombstone without PII", async () => {
    const c = await createContact(ws.ctx("marketer"), { email: "erase.me@acme.test", firstName: "Erin" });
    await addNote(ws.ctx("marketer"), { contactId: c.id, body: "Erin likes green" });
    await ingestEvents(ws.ctx("marketer"), { events: [{ contactId: c.id, type: "page_view", occurredAt: "2026-11-05T00:00:00Z", idempotencyKey: "erase-1" }] });
    const data = await exportContactData(ws.ctx("manager"), c.id);
    expect(data.contact.email).toBe("erase.me@acme.test");
    expect(data.events.length).toBeGreaterThanOrEqual(2);
    expect(data.notes).toHaveLength(1);
    await expect(eraseContact(ws.ctx("marketer"), c.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const res = await eraseContact(ws.ctx("manager"), c.id);
    expect(res.erased.notes).toBe(1);
    expect(await getDb().select().from(contactEvents).where(eq(contactEvents.contactId, c.id))).toHaveLength(0);
    expect(await getDb().select().from(lifecycleHistory).where(eq(lifecycleHistory.contactId, c.id))).toHaveLength(0);
    const trail = await getDb().select().from(auditLog).where(and(eq(auditLog.workspaceId, ws.id), eq(auditLog.entityId, c.id)));
    expect(JSON.stringify(trail)).not.toContain("erase.me");
    expect(JSON.stringify(trail)).not.toContain("Erin");
    expect(trail.some((t) => t.action === "contact.erase")).toBe(true);
  });
});
