// A person moving a contact back in the funnel must say why: single and bulk stage changes refuse a backward move with
// no reason and change nothing (contact, history, timeline, audit); forward moves keep the reason optional.
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, contactEvents, contacts, lifecycleHistory } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import type { Ctx } from "@/lib/auth/context";
import { bulkContacts, changeStage, createContact, stageHistory, updateContact, upsertContactByEmail } from "@/lib/crm";
import type { LifecycleStage } from "@/lib/crm/stages";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";

const session = vi.hoisted(() => ({ ctx: null as Ctx | null }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentSession: async () => null,
  resolveSessionCtx: async () => session.ctx,
  requireActionCtx: async () => session.ctx!,
  requirePageCtx: async () => session.ctx,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

const getDb = setupTestDb();
let ws: TestWorkspace;

beforeAll(async () => {
  ws = await makeWorkspace(getDb(), "Stage reasons");
});

/** Everything a stage move leaves behind for these contacts, to prove a refusal changed nothing. */
async function trail(ids: string[]) {
  const db = getDb();
  const rows = await db.select({ id: contacts.id, stage: contacts.lifecycleStage, updatedAt: contacts.updatedAt }).from(contacts).where(inArray(contacts.id, ids));
  const history = await db.select({ id: lifecycleHistory.id }).from(lifecycleHistory).where(inArray(lifecycleHistory.contactId, ids));
  const events = await db
    .select({ id: contactEvents.id })
    .from(contactEvents)
    .where(and(inArray(contactEvents.contactId, ids), eq(contactEvents.type, "lifecycle_change")));
  const audits = await db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.workspaceId, ws.id));
  return {
    contacts: rows.sort((a, b) => a.id.localeCompare(b.id)).map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })),
    history: history.length,
    events: events.length,
    audits: audits.length,
  };
}

async function contactAt(stage: LifecycleStage, email: string) {
  const c = await createContact(ws.ctx("marketer"), { email });
  if (stage !== "subscriber") await changeStage(ws.ctx("marketer"), { id: c.id, stage });
  return c.id;
}

describe("a single stage change", () => {
  it("refuses a backward move without a reason (blank counts as none) and changes nothing", async () => {
    const id = await contactAt("customer", "back-single@acme.test");
    const before = await trail([id]);
    for (const reason of [undefined, "", "   "]) {
      const err = await changeStage(ws.ctx("manager"), { id, stage: "lead", reason }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { reason: ["Say why this contact moves back from Customer to Lead."] } });
    }
    expect(await trail([id])).toEqual(before);
    expect((await stageHistory(ws.ctx("viewer"), id))[0]).toMatchObject({ fromStage: "subscriber", toStage: "customer" });
  });

  it("records a backward move with its reason in history, timeline and audit", async () => {
    const id = await contactAt("customer", "back-with-reason@acme.test");
    const res = await changeStage(ws.ctx("manager"), { id, stage: "lead", reason: "  Deal lost to a competitor " });
    expect(res).toMatchObject({ changed: true, stage: "lead" });
    const [latest] = await stageHistory(ws.ctx("viewer"), id);
    expect(latest).toMatchObject({ fromStage: "customer", toStage: "lead", reason: "Deal lost to a competitor", actorLabel: ws.users.manager.email });
    const [event] = await getDb()
      .select()
      .from(contactEvents)
      .where(and(eq(contactEvents.contactId, id), eq(contactEvents.type, "lifecycle_change")))
      .orderBy(contactEvents.id)
      .then((rows) => rows.slice(-1));
    expect(event?.properties).toMatchObject({ from: "customer", to: "lead", reason: "Deal lost to a competitor" });
    const audits = await getDb().select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, "contact.stage_change")));
    expect(audits.map((a) => a.after)).toContainEqual({ lifecycleStage: "lead", reason: "Deal lost to a competitor" });
  });

  it("keeps the reason optional for forward and side moves, and for leaving churned it is required again", async () => {
    const id = await contactAt("lead", "forward@acme.test");
    await expect(changeStage(ws.ctx("marketer"), { id, stage: "customer" })).resolves.toMatchObject({ changed: true });
    await expect(changeStage(ws.ctx("marketer"), { id, stage: "churned" })).resolves.toMatchObject({ changed: true });
    await expect(changeStage(ws.ctx("manager"), { id, stage: "customer" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect((await stageHistory(ws.ctx("viewer"), id)).map((h) => [h.fromStage, h.toStage, h.reason])).toEqual([
      ["customer", "churned", null],
      ["lead", "customer", null],
      ["subscriber", "lead", null],
      [null, "subscriber", "created"],
    ]);
  });

  it("still answers FORBIDDEN, not a missing reason, to a role that may not move back", async () => {
    const id = await contactAt("sql", "marketer-back@acme.test");
    await expect(changeStage(ws.ctx("marketer"), { id, stage: "lead" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(changeStage(ws.ctx("marketer"), { id, stage: "lead", reason: "oops" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("gives the server action's caller the field error on reason", async () => {
    const { changeStageAction } = await import("@/app/(app)/crm/actions");
    const id = await contactAt("opportunity", "action-back@acme.test");
    session.ctx = ws.ctx("manager");
    const res = await changeStageAction({ id, stage: "mql" });
    expect(res).toMatchObject({ ok: false, code: "VALIDATION_FAILED", fieldErrors: { reason: ["Say why this contact moves back from Opportunity to MQL."] } });
    await expect(changeStageAction({ id, stage: "mql", reason: "Went quiet" })).resolves.toMatchObject({ ok: true });
  });
});

describe("an edit that moves the stage (REST PATCH, upsert by email)", () => {
  it("needs stageReason to move a contact back, and records it", async () => {
    const id = await contactAt("customer", "back-edit@acme.test");
    const before = await trail([id]);
    const err = await updateContact(ws.ctx("manager"), { id, lifecycleStage: "lead", title: "Changed" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { stageReason: ["Say why this contact moves back from Customer to Lead."] } });
    expect(await trail([id])).toEqual(before);
    const err2 = await upsertContactByEmail(ws.ctx("manager"), { email: "BACK-EDIT@acme.test", lifecycleStage: "subscriber" }).catch((e: unknown) => e);
    expect(err2).toMatchObject({ code: "VALIDATION_FAILED" });
    await updateContact(ws.ctx("manager"), { id, lifecycleStage: "lead", stageReason: "Deal fell through" });
    expect((await stageHistory(ws.ctx("viewer"), id))[0]).toMatchObject({ fromStage: "customer", toStage: "lead", reason: "Deal fell through" });
    // Forward through an edit still needs none.
    await updateContact(ws.ctx("manager"), { id, lifecycleStage: "customer" });
    expect((await stageHistory(ws.ctx("viewer"), id))[0]).toMatchObject({ fromStage: "lead", toStage: "customer", reason: "edited" });
  });
});

describe("a bulk stage change", () => {
  it("refuses the whole selection when any contact would move back without a reason, changing nothing", async () => {
    const ids = [
      await contactAt("subscriber", "bulk-a@acme.test"),
      await contactAt("customer", "bulk-b@acme.test"),
      await contactAt("opportunity", "bulk-c@acme.test"),
      await contactAt("mql", "bulk-d@acme.test"),
    ];
    const before = await trail(ids);
    for (const reason of [undefined, " "]) {
      const err = await bulkContacts(ws.ctx("manager"), { action: "stage", ids, stage: "mql", reason }).catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: "VALIDATION_FAILED",
        message: "2 of the selected contacts would move back to MQL. Give a reason; nothing was changed.",
        fieldErrors: { reason: ["Say why 2 selected contacts move back to MQL."] },
      });
    }
    expect(await trail(ids)).toEqual(before);
  });

  it("moves everyone with a reason, recording it on each backward and forward move", async () => {
    const ids = [await contactAt("lead", "bulk-r1@acme.test"), await contactAt("customer", "bulk-r2@acme.test")];
    const res = await bulkContacts(ws.ctx("manager"), { action: "stage", ids, stage: "mql", reason: " Re-qualified after the audit " });
    expect(res.affected).toBe(2);
    for (const [id, from] of [
      [ids[0]!, "lead"],
      [ids[1]!, "customer"],
    ] as const) {
      expect((await stageHistory(ws.ctx("viewer"), id))[0]).toMatchObject({ fromStage: from, toStage: "mql", reason: "Re-qualified after the audit" });
    }
  });

  it("keeps the reason optional when every move is forward or sideways", async () => {
    const ids = [await contactAt("subscriber", "bulk-f1@acme.test"), await contactAt("lead", "bulk-f2@acme.test"), await contactAt("sql", "bulk-f3@acme.test")];
    expect((await bulkContacts(ws.ctx("marketer"), { action: "stage", ids, stage: "sql" })).affected).toBe(2);
    expect((await bulkContacts(ws.ctx("marketer"), { action: "stage", ids, stage: "churned" })).affected).toBe(3);
    expect((await stageHistory(ws.ctx("viewer"), ids[0]!))[0]).toMatchObject({ fromStage: "sql", toStage: "churned", reason: "bulk change" });
  });

  it("names one contact in the singular, and still answers FORBIDDEN to a role that may not move back", async () => {
    const ids = [await contactAt("customer", "bulk-one@acme.test"), await contactAt("subscriber", "bulk-two@acme.test")];
    await expect(bulkContacts(ws.ctx("manager"), { action: "stage", ids, stage: "lead" })).rejects.toMatchObject({
      message: "1 of the selected contacts would move back to Lead. Give a reason; nothing was changed.",
      fieldErrors: { reason: ["Say why 1 selected contact moves back to Lead."] },
    });
    await expect(bulkContacts(ws.ctx("marketer"), { action: "stage", ids, stage: "lead" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
