// Campaign engine against a real Postgres: create/update/delete with audit, role checks, validation, keyset paging.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import { createCampaign, deleteCampaign, getCampaign, listCampaigns, updateCampaign } from "@/lib/campaigns";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";

const getDb = setupTestDb();
let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  ws = await makeWorkspace(getDb(), "Acme");
  other = await makeWorkspace(getDb(), "Globex");
});

describe("campaigns", () => {
  it("creates a campaign owned by its creator and records who did it", async () => {
    const c = await createCampaign(ws.ctx("marketer"), {
      name: "Spring launch",
      budgetMinor: 250_000,
      currency: "eur",
      tags: ["Email", "email", "LinkedIn"],
      startDate: "2026-03-01",
      endDate: "2026-04-15",
    });
    expect(c.currency).toBe("EUR");
    expect(c.tags).toEqual(["email", "linkedin"]);
    expect(c.ownerUserId).toBe(ws.users.marketer.id);
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.entityId, c.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "campaign.create", actorLabel: ws.users.marketer.email, workspaceId: ws.id });
  });

  it("refuses writes from a viewer and an approver, in the engine itself", async () => {
    await expect(createCampaign(ws.ctx("viewer"), { name: "Nope" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createCampaign(ws.ctx("approver"), { name: "Nope" })).rejects.toBeInstanceOf(ForbiddenError);
    const page = await listCampaigns(ws.ctx("viewer"), {});
    expect(page.items.every((c) => c.name !== "Nope")).toBe(true);
  });

  it("rejects an end date before the start date and a negative budget, naming the field", async () => {
    const err = await createCampaign(ws.ctx("marketer"), {
      name: "Backwards",
      startDate: "2026-05-01",
      endDate: "2026-04-01",
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    const v = err as { issues?: { path: PropertyKey[] }[] };
    expect(v.issues?.[0]?.path).toEqual(["endDate"]);
    await expect(updateCampaign(ws.ctx("marketer"), { id: crypto.randomUUID(), budgetMinor: -5 })).rejects.toThrow();
  });

  it("updates only the changed fields into the audit diff", async () => {
    const c = await createCampaign(ws.ctx("manager"), { name: "Diffed", budgetMinor: 100 });
    await updateCampaign(ws.ctx("manager"), { id: c.id, budgetMinor: 900, name: "Diffed" });
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.action, "campaign.update"));
    expect(entry?.before).toEqual({ budgetMinor: 100 });
    expect(entry?.after).toEqual({ budgetMinor: 900 });
  });

  it("keeps the dates coherent when only one end is patched", async () => {
    const c = await createCampaign(ws.ctx("manager"), { name: "Dated", startDate: "2026-06-01", endDate: "2026-06-30" });
    await expect(updateCampaign(ws.ctx("manager"), { id: c.id, endDate: "2026-05-01" })).rejects.toBeInstanceOf(ValidationError);
  });

  it("treats another workspace's campaign as not found for read, update and delete", async () => {
    const theirs = await createCampaign(other.ctx("owner"), { name: "Secret plan" });
    await expect(getCampaign(ws.ctx("owner"), theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateCampaign(ws.ctx("owner"), { id: theirs.id, name: "Hijacked" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteCampaign(ws.ctx("owner"), theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getCampaign(other.ctx("viewer"), theirs.id)).name).toBe("Secret plan");
  });

  it("pages through every campaign exactly once with keyset cursors, for each sort", async () => {
    for (let i = 0; i < 23; i++) {
      await createCampaign(ws.ctx("marketer"), { name: `Bulk ${String(i).padStart(2, "0")}`, budgetMinor: (i % 5) * 100 });
    }
    const all = (await listCampaigns(ws.ctx("viewer"), { limit: 200 })).items.map((c) => c.id).sort();
    for (const sort of ["newest", "oldest", "name", "start", "budget"] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listCampaigns(ws.ctx("viewer"), { sort, limit: 4, cursor });
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect([...seen].sort(), `sort=${sort}`).toEqual(all);
      expect(new Set(seen).size).toBe(seen.length);
    }
  });

  it("filters by status, tag and a search term without leaking other workspaces", async () => {
    await createCampaign(other.ctx("owner"), { name: "Bulk from Globex", tags: ["email"] });
    const found = await listCampaigns(ws.ctx("viewer"), { q: "bulk", limit: 200 });
    expect(found.items.length).toBe(23);
    const tagged = await listCampaigns(ws.ctx("viewer"), { tag: "email" });
    expect(tagged.items.map((c) => c.name)).toEqual(["Spring launch"]);
    const planned = await listCampaigns(ws.ctx("viewer"), { status: "active" });
    expect(planned.items).toHaveLength(0);
  });

  it("deletes with an audit record that keeps what was deleted", async () => {
    const c = await createCampaign(ws.ctx("marketer"), { name: "Short-lived" });
    await deleteCampaign(ws.ctx("marketer"), c.id);
    await expect(getCampaign(ws.ctx("marketer"), c.id)).rejects.toBeInstanceOf(NotFoundError);
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.action, "campaign.delete"));
    expect(entry?.before).toMatchObject({ name: "Short-lived" });
  });
});
