// The segments engine against a real Postgres: CRUD with audit, roles, another workspace's segments as "not found", static
// lists, snapshots that stay frozen, the subquery other engines use, and the REST routes end to end with an API key.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, contacts, customFieldDefs, segmentSnapshotMembers, segmentSnapshots, type NewContact } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import { createCampaign } from "@/lib/campaigns";
import {
  addToStaticList,
  countSegment,
  countSegmentRules,
  createSegment,
  deleteSegment,
  getSegment,
  listSegmentContacts,
  listSegmentFieldOptions,
  listSegments,
  removeFromStaticList,
  segmentContactFilter,
  segmentContactIdsQuery,
  snapshotContactIdsQuery,
  snapshotSegment,
  updateSegment,
  type SegmentRules,
} from "@/lib/crm/segments";
import { setEnv } from "@/lib/env";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createApiKey } from "@/lib/workspaces";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";

const getDb = setupTestDb();
let ws: TestWorkspace;
let other: TestWorkspace;
const people: Record<string, string> = {};
let theirContactId = "";

async function addContacts(w: TestWorkspace, list: (Partial<NewContact> & { key: string })[]): Promise<void> {
  const rows = list.map(({ key, ...c }) => ({ id: randomUUID(), workspaceId: w.id, ...c, _key: key }));
  await getDb()
    .insert(contacts)
    .values(rows.map(({ _key, ...r }) => r));
  for (const r of rows) people[r._key] = r.id;
}

const group = (op: "and" | "or", ...rules: SegmentRules["rules"]): SegmentRules => ({ type: "group", op, rules });

async function validationErrors(p: Promise<unknown>): Promise<Record<string, string[]>> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (err instanceof ValidationError) return err.fieldErrors;
  const issues = (err as { issues?: { path: PropertyKey[]; message: string }[] } | null)?.issues;
  if (issues) return Object.fromEntries(issues.map((i) => [i.path.join("."), [i.message]]));
  throw new Error(`expected a validation error, got ${String(err)}`);
}

beforeAll(async () => {
  ws = await makeWorkspace(getDb(), "Acme");
  other = await makeWorkspace(getDb(), "Globex");
  await addContacts(ws, [
    { key: "ana", email: "ana@acme.test", firstName: "Ana", lifecycleStage: "lead", tags: ["vip"], score: 80, custom: { seats: 12 } },
    { key: "ben", email: "ben@acme.test", firstName: "Ben", lifecycleStage: "mql", tags: ["newsletter"], score: 40, custom: { seats: "3" } },
    { key: "cara", email: "cara@acme.test", firstName: "Cara", lifecycleStage: "customer", tags: [], score: null },
    { key: "dan", email: "dan@acme.test", firstName: "Dan", lifecycleStage: "lead", tags: ["vip"], score: 95, deletedAt: new Date() },
  ]);
  await addContacts(other, [{ key: "zed", email: "zed@globex.test", firstName: "Zed", lifecycleStage: "lead", tags: ["vip"], score: 99 }]);
  theirContactId = people.zed!;
});

describe("segments", () => {
  it("creates a dynamic segment, records who did it, and counts its live contacts only", async () => {
    const rules = group("and", { type: "field", field: "tags", operator: "has_any", value: ["VIP"] });
    const seg = await createSegment(ws.ctx("marketer"), { name: "VIPs", kind: "dynamic", rules });
    expect(seg).toMatchObject({ name: "VIPs", kind: "dynamic", workspaceId: ws.id, createdByUserId: ws.users.marketer.id });
    expect(seg.rules).toEqual({ type: "group", op: "and", rules: [{ type: "field", field: "tags", operator: "has_any", value: ["VIP"] }] });
    // Dan is deleted, Zed is another workspace's.
    expect((await countSegment(ws.ctx("viewer"), seg.id)).count).toBe(1);
    const [entry] = await getDb().select().from(auditLog).where(eq(auditLog.entityId, seg.id));
    expect(entry).toMatchObject({ action: "segment.create", actorLabel: ws.users.marketer.email, workspaceId: ws.id });
  });

  it("starts a dynamic segment without rules as everyone, and refuses rules on a static list", async () => {
    const all = await createSegment(ws.ctx("marketer"), { name: "Everyone" });
    expect(all.rules).toEqual({ type: "group", op: "and", rules: [] });
    expect((await countSegment(ws.ctx("viewer"), all.id)).count).toBe(3);
    const errs = await validationErrors(createSegment(ws.ctx("marketer"), { name: "List", kind: "static", rules: group("and") }));
    expect(errs.rules).toEqual(["A static list has no rules; add contacts to it instead."]);
  });

  it("refuses writes from a viewer and an approver in the engine, while they can read and count", async () => {
    await expect(createSegment(ws.ctx("viewer"), { name: "Nope" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createSegment(ws.ctx("approver"), { name: "Nope" })).rejects.toBeInstanceOf(ForbiddenError);
    const page = await listSegments(ws.ctx("viewer"));
    expect(page.items.length).toBeGreaterThan(0);
    expect((await countSegmentRules(ws.ctx("viewer"), group("and"))).count).toBe(3);
  });

  it("names an unknown field, a wrong operator for a custom field's type, and a foreign campaign", async () => {
    const unknown = await validationErrors(
      createSegment(ws.ctx("marketer"), { name: "Bad", rules: group("and", { type: "field", field: "favouriteColour", operator: "eq", value: "red" }) }),
    );
    expect(unknown["rules.rules.0.field"]?.[0]).toMatch(/^Unknown field "favouriteColour"/);

    await getDb().insert(customFieldDefs).values({ workspaceId: ws.id, entity: "contact", key: "seats", label: "Seats", type: "number" });
    const wrongOp = await validationErrors(countSegmentRules(ws.ctx("viewer"), group("or", { type: "field", field: "custom.seats", operator: "contains", value: "1" })));
    expect(wrongOp["rules.rules.0.operator"]?.[0]).toMatch(/"contains" does not apply to "custom.seats" \(type number\)/);
    // "3" is stored as text and still counts as a number.
    expect((await countSegmentRules(ws.ctx("viewer"), group("or", { type: "field", field: "custom.seats", operator: "gte", value: 3 }))).count).toBe(2);

    const options = await listSegmentFieldOptions(ws.ctx("viewer"));
    expect(options.find((f) => f.key === "custom.seats")).toMatchObject({ label: "Seats", type: "number", entity: "contact" });
    expect(options.find((f) => f.key === "company.industry")).toMatchObject({ type: "text", entity: "company" });
    expect((await listSegmentFieldOptions(other.ctx("viewer"))).some((f) => f.key === "custom.seats")).toBe(false);

    const theirs = await createCampaign(other.ctx("owner"), { name: "Globex launch" });
    const foreign = await validationErrors(
      countSegmentRules(ws.ctx("viewer"), group("and", { type: "event", eventType: "email_click", campaignId: theirs.id, occurred: { op: "at_least" }, withinDays: 30 })),
    );
    expect(foreign["rules.rules.0.campaignId"]).toEqual(["Campaign not found."]);
  });

  it("counts event rules: clicked in a campaign in the last 30 days, and no open in 90 days", async () => {
    const camp = await createCampaign(ws.ctx("owner"), { name: "Spring" });
    const day = 86_400_000;
    const ev = (contactId: string, type: string, daysAgo: number, campaignId: string | null = camp.id, workspaceId = ws.id) => ({
      workspaceId,
      contactId,
      type,
      campaignId,
      occurredAt: new Date(Date.now() - daysAgo * day),
    });
    const { contactEvents } = await import("@/db/schema");
    await getDb()
      .insert(contactEvents)
      .values([
        ev(people.ana!, "email_click", 3),
        ev(people.ben!, "email_click", 45),
        ev(people.ben!, "email_open", 10, null),
        ev(people.cara!, "email_open", 120, null),
        // Filed under the other workspace, about Cara: it must not count for Acme.
        ev(people.cara!, "email_click", 1, null, other.id),
      ]);
    const clicked = group("and", { type: "event", eventType: "email_click", campaignId: camp.id, occurred: { op: "at_least", count: 1 }, withinDays: 30 });
    expect((await countSegmentRules(ws.ctx("viewer"), clicked)).count).toBe(1);
    const noOpen = group("and", { type: "event", eventType: "email_open", occurred: { op: "none" }, withinDays: 90 });
    const res = await countSegmentRules(ws.ctx("viewer"), noOpen);
    expect(res.count).toBe(2);
    expect(res.elapsedMs).toBeGreaterThanOrEqual(0);
    const anyClick = group("and", { type: "event", eventType: "email_click", occurred: { op: "at_least" } });
    expect((await countSegmentRules(ws.ctx("viewer"), anyClick)).count).toBe(2);
  });

  it("treats another workspace's segment as not found everywhere, and never counts its contacts", async () => {
    const theirs = await createSegment(other.ctx("owner"), { name: "Globex list", kind: "static" });
    await addToStaticList(other.ctx("owner"), theirs.id, [theirContactId]);
    const me = ws.ctx("owner");
    for (const attempt of [
      () => getSegment(me, theirs.id),
      () => updateSegment(me, { id: theirs.id, name: "Hijacked" }),
      () => deleteSegment(me, theirs.id),
      () => countSegment(me, theirs.id),
      () => listSegmentContacts(me, theirs.id),
      () => addToStaticList(me, theirs.id, [people.ana!]),
      () => removeFromStaticList(me, theirs.id, [theirContactId]),
      () => snapshotSegment(me, theirs.id, "send"),
      () => segmentContactIdsQuery(me, theirs.id),
      () => getSegment(me, "not-a-uuid"),
    ]) {
      await expect(attempt()).rejects.toBeInstanceOf(NotFoundError);
    }
    const ref = await validationErrors(countSegmentRules(me, group("and", { type: "segment", segmentId: theirs.id, op: "in" })));
    expect(ref["rules.rules.0.segmentId"]).toEqual(["Segment not found."]);
    expect((await listSegments(me, { limit: 200 })).items.map((s) => s.id)).not.toContain(theirs.id);
    expect((await countSegment(other.ctx("viewer"), theirs.id)).count).toBe(1);
  });

  it("adds and removes static list members, reporting how many changed, and only takes this workspace's contacts", async () => {
    const list = await createSegment(ws.ctx("marketer"), { name: "Event guests", kind: "static" });
    const first = await addToStaticList(ws.ctx("marketer"), list.id, [people.ana!, people.ben!, people.ana!]);
    expect(first).toEqual({ added: 2, removed: 0, unchanged: 0 });
    expect(await addToStaticList(ws.ctx("marketer"), list.id, [people.ben!, people.cara!])).toEqual({ added: 1, removed: 0, unchanged: 1 });

    for (const bad of [theirContactId, people.dan!, randomUUID()]) {
      const errs = await validationErrors(addToStaticList(ws.ctx("marketer"), list.id, [people.ana!, bad]));
      expect(errs.contactIds?.[0]).toMatch(/^1 of these are not contacts of this workspace/);
    }
    expect((await countSegment(ws.ctx("viewer"), list.id)).count).toBe(3);

    expect(await removeFromStaticList(ws.ctx("marketer"), list.id, [people.cara!, theirContactId])).toEqual({ added: 0, removed: 1, unchanged: 1 });
    const members = await listSegmentContacts(ws.ctx("viewer"), list.id);
    expect(members.items.map((c) => c.email).sort()).toEqual(["ana@acme.test", "ben@acme.test"]);
    await expect(addToStaticList(ws.ctx("viewer"), list.id, [people.cara!])).rejects.toBeInstanceOf(ForbiddenError);

    const dynamic = await createSegment(ws.ctx("marketer"), { name: "Dynamic" });
    await expect(addToStaticList(ws.ctx("marketer"), dynamic.id, [people.ana!])).rejects.toBeInstanceOf(ConflictError);
    const audit = await getDb().select().from(auditLog).where(and(eq(auditLog.entityId, list.id), eq(auditLog.action, "segment.members.add")));
    expect(audit.map((a) => a.after)).toEqual([
      { added: 2, requested: 2 },
      { added: 1, requested: 2 },
    ]);
  });

  it("uses segments inside segments, refuses cycles, and refuses to delete a segment still in use", async () => {
    const leads = await createSegment(ws.ctx("marketer"), {
      name: "Leads",
      rules: group("and", { type: "field", field: "lifecycleStage", operator: "in", value: ["lead"] }),
    });
    const hot = await createSegment(ws.ctx("marketer"), {
      name: "Hot leads",
      rules: group("and", { type: "segment", segmentId: leads.id, op: "in" }, { type: "field", field: "score", operator: "gte", value: 50 }),
    });
    expect((await countSegment(ws.ctx("viewer"), hot.id)).count).toBe(1);
    const cycle = await validationErrors(updateSegment(ws.ctx("marketer"), { id: leads.id, rules: group("or", { type: "segment", segmentId: hot.id, op: "not_in" }) }));
    expect(cycle["rules.rules.0.segmentId"]?.[0]).toMatch(/refer to themselves/);
    const self = await validationErrors(updateSegment(ws.ctx("marketer"), { id: leads.id, rules: group("or", { type: "segment", segmentId: leads.id, op: "in" }) }));
    expect(self["rules.rules.0.segmentId"]?.[0]).toMatch(/refer to themselves/);

    await expect(deleteSegment(ws.ctx("marketer"), leads.id)).rejects.toMatchObject({ code: "SEGMENT_IN_USE", status: 409 });
    await updateSegment(ws.ctx("marketer"), { id: hot.id, rules: group("and", { type: "field", field: "score", operator: "gte", value: 50 }) });
    await deleteSegment(ws.ctx("marketer"), leads.id);
    await expect(getSegment(ws.ctx("viewer"), leads.id)).rejects.toBeInstanceOf(NotFoundError);
    const [entry] = await getDb().select().from(auditLog).where(and(eq(auditLog.entityId, leads.id), eq(auditLog.action, "segment.delete")));
    expect(entry?.before).toMatchObject({ name: "Leads", kind: "dynamic" });
  });

  it("records only what changed on update, and keeps a static list's kind", async () => {
    const seg = await createSegment(ws.ctx("manager"), { name: "Renamed later", rules: group("and") });
    await updateSegment(ws.ctx("manager"), { id: seg.id, name: "Renamed", rules: group("and") });
    const [entry] = await getDb().select().from(auditLog).where(and(eq(auditLog.entityId, seg.id), eq(auditLog.action, "segment.update")));
    expect(entry?.before).toEqual({ name: "Renamed later" });
    expect(entry?.after).toEqual({ name: "Renamed" });
    const list = await createSegment(ws.ctx("manager"), { name: "A list", kind: "static" });
    const errs = await validationErrors(updateSegment(ws.ctx("manager"), { id: list.id, rules: group("and") }));
    expect(errs.rules).toBeDefined();
  });

  it("freezes membership in a snapshot with its count, unchanged by later edits", async () => {
    const seg = await createSegment(ws.ctx("marketer"), {
      name: "Leads for a send",
      rules: group("and", { type: "field", field: "lifecycleStage", operator: "in", value: ["lead", "mql"] }),
    });
    const snap = await snapshotSegment(ws.ctx("marketer"), seg.id, "send:post-123");
    expect(snap.memberCount).toBe(2);
    await getDb().update(contacts).set({ lifecycleStage: "lead" }).where(eq(contacts.id, people.cara!));
    expect((await countSegment(ws.ctx("viewer"), seg.id)).count).toBe(3);
    const frozen = await getDb()
      .select({ contactId: segmentSnapshotMembers.contactId })
      .from(segmentSnapshotMembers)
      .where(eq(segmentSnapshotMembers.snapshotId, snap.snapshotId));
    expect(frozen.map((r) => r.contactId).sort()).toEqual([people.ana!, people.ben!].sort());
    const [row] = await getDb().select().from(segmentSnapshots).where(eq(segmentSnapshots.id, snap.snapshotId));
    expect(row).toMatchObject({ workspaceId: ws.id, segmentId: seg.id, purpose: "send:post-123", memberCount: 2 });

    const q = await snapshotContactIdsQuery(ws.ctx("viewer"), snap.snapshotId);
    const ids = await getDb().execute<{ contact_id: string }>(q);
    expect(ids.rows.map((r) => r.contact_id).sort()).toEqual([people.ana!, people.ben!].sort());
    await expect(snapshotContactIdsQuery(other.ctx("owner"), snap.snapshotId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(snapshotSegment(ws.ctx("viewer"), seg.id, "send")).rejects.toBeInstanceOf(ForbiddenError);
    await getDb().update(contacts).set({ lifecycleStage: "customer" }).where(eq(contacts.id, people.cara!));
  });

  it("gives other engines a contact-id subquery and a filter on the contacts table", async () => {
    const seg = await createSegment(ws.ctx("marketer"), { name: "Scored", rules: group("and", { type: "field", field: "score", operator: "is_not_empty" }) });
    const sub = await segmentContactIdsQuery(ws.ctx("viewer"), seg.id);
    const viaSub = await getDb().execute<{ email: string }>(sql`select email from contacts where id in (${sub}) order by email`);
    expect(viaSub.rows.map((r) => r.email)).toEqual(["ana@acme.test", "ben@acme.test"]);
    const filter = await segmentContactFilter(ws.ctx("viewer"), seg.id);
    const viaFilter = await getDb().select({ email: contacts.email }).from(contacts).where(filter);
    expect(viaFilter.map((r) => r.email).sort()).toEqual(["ana@acme.test", "ben@acme.test"]);
  });

  it("pages through segments and a segment's contacts exactly once with keyset cursors", async () => {
    for (let i = 0; i < 7; i++) await createSegment(ws.ctx("marketer"), { name: `Paged ${i}`, kind: "static" });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listSegments(ws.ctx("viewer"), { q: "paged", limit: 3, cursor });
      seen.push(...page.items.map((s) => s.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(Array.from({ length: 7 }, (_, i) => `Paged ${i}`));
    expect((await listSegments(ws.ctx("viewer"), { kind: "static", limit: 200 })).items.every((s) => s.kind === "static")).toBe(true);

    const everyone = await createSegment(ws.ctx("marketer"), { name: "All again" });
    const ids: string[] = [];
    let c: string | null = null;
    do {
      const page = await listSegmentContacts(ws.ctx("viewer"), everyone.id, c, 1);
      ids.push(...page.items.map((x) => x.id));
      c = page.nextCursor;
    } while (c);
    expect(ids.sort()).toEqual([people.ana!, people.ben!, people.cara!].sort());
  });
});

describe("segments over REST", () => {
  let key = "";
  let viewerKey = "";
  const base = "http://localhost/api/v1/segments";
  const noParams = { params: Promise.resolve({}) };
  const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
  const req = (k: string, url: string, method = "GET", body?: unknown) =>
    new Request(url, {
      method,
      headers: { authorization: `Bearer ${k}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    setEnv("DATABASE_URL", getDb().$client.options.connectionString!);
    key = (await createApiKey(ws.ctx("owner"), { name: "CI", role: "marketer" })).key;
    viewerKey = (await createApiKey(ws.ctx("owner"), { name: "Dash", role: "viewer" })).key;
  });

  it("creates, counts, lists, adds members, snapshots and deletes through the routes", async () => {
    const list = await import("@/app/api/v1/segments/route");
    const item = await import("@/app/api/v1/segments/[id]/route");
    const count = await import("@/app/api/v1/segments/count/route");
    const itemCount = await import("@/app/api/v1/segments/[id]/count/route");
    const members = await import("@/app/api/v1/segments/[id]/members/route");
    const contactsRoute = await import("@/app/api/v1/segments/[id]/contacts/route");
    const snapshots = await import("@/app/api/v1/segments/[id]/snapshots/route");

    const bad = await list.POST(req(key, base, "POST", { name: "Bad", rules: group("and", { type: "field", field: "shoeSize", operator: "gt", value: 9 }) }), noParams);
    expect(bad.status).toBe(422);
    const badBody = (await bad.json()) as { error: { fieldErrors: Record<string, string[]> } };
    expect(badBody.error.fieldErrors["rules.rules.0.field"]?.[0]).toMatch(/Unknown field "shoeSize"/);

    const live = await count.POST(req(viewerKey, `${base}/count`, "POST", { rules: group("and", { type: "field", field: "tags", operator: "has_any", value: ["vip"] }) }), noParams);
    expect(live.status).toBe(200);
    expect(((await live.json()) as { count: number }).count).toBe(1);

    const created = await list.POST(req(key, base, "POST", { name: "REST list", kind: "static" }), noParams);
    expect(created.status).toBe(201);
    const seg = (await created.json()) as { id: string; kind: string; rules: unknown };
    expect(seg).toMatchObject({ kind: "static", rules: null });

    const added = await members.POST(req(key, `${base}/${seg.id}/members`, "POST", { action: "add", contactIds: [people.ana!, people.cara!] }), idParams(seg.id));
    expect(await added.json()).toEqual({ added: 2, removed: 0, unchanged: 0 });
    const foreign = await members.POST(req(key, `${base}/${seg.id}/members`, "POST", { action: "add", contactIds: [theirContactId] }), idParams(seg.id));
    expect(foreign.status).toBe(422);
    const denied = await members.POST(req(viewerKey, `${base}/${seg.id}/members`, "POST", { action: "remove", contactIds: [people.ana!] }), idParams(seg.id));
    expect(denied.status).toBe(403);

    expect(((await (await itemCount.GET(req(viewerKey, `${base}/${seg.id}/count`), idParams(seg.id))).json()) as { count: number }).count).toBe(2);
    const page = (await (await contactsRoute.GET(req(viewerKey, `${base}/${seg.id}/contacts?limit=1`), idParams(seg.id))).json()) as {
      items: { id: string; createdAt: string }[];
      nextCursor: string | null;
    };
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();

    const snap = await snapshots.POST(req(key, `${base}/${seg.id}/snapshots`, "POST", { purpose: "export" }), idParams(seg.id));
    expect(snap.status).toBe(201);
    expect(((await snap.json()) as { memberCount: number }).memberCount).toBe(2);

    const patched = await item.PATCH(req(key, `${base}/${seg.id}`, "PATCH", { name: "REST list (via PATCH)" }), idParams(seg.id));
    expect(((await patched.json()) as { name: string }).name).toBe("REST list (via PATCH)");
    const listed = (await (await list.GET(req(viewerKey, `${base}?q=via%20patch`), noParams)).json()) as { items: { id: string }[] };
    expect(listed.items.map((s) => s.id)).toEqual([seg.id]);

    expect((await item.DELETE(req(key, `${base}/${seg.id}`, "DELETE"), idParams(seg.id))).status).toBe(200);
    const gone = await item.GET(req(viewerKey, `${base}/${seg.id}`), idParams(seg.id));
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { error: { code: string } }).error.code).toBe("SEGMENT_NOT_FOUND");
  });
});
