// Lifecycle rules against a real Postgres: rules move matching contacts forward only, the furthest stage wins, history
// names the rule, disabled rules and other workspaces are left alone, viewers cannot manage rules, and edits, event
// ingestion and the import follow-up job trigger the rules.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, contactEvents, contacts, lifecycleHistory, lifecycleRules, type NewContact } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import {
  createContact,
  createLifecycleRule,
  deleteLifecycleRule,
  ingestEvents,
  listLifecycleRules,
  runLifecycleRules,
  updateContact,
  updateLifecycleRule,
} from "@/lib/crm";
import { lifecycleRulesJob } from "@/lib/crm/lifecycle-rules-jobs";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";

const getDb = setupTestDb();
let ws: TestWorkspace;
let other: TestWorkspace;

const scoreAtLeast = (n: number) => ({ type: "group", op: "and", rules: [{ type: "field", field: "score", operator: "gte", value: n }] });

async function addContacts(w: TestWorkspace, list: Partial<NewContact>[]): Promise<string[]> {
  const rows = list.map((c) => ({ id: randomUUID(), workspaceId: w.id, ...c }));
  await getDb().insert(contacts).values(rows);
  return rows.map((r) => r.id);
}

async function stageOf(id: string): Promise<string> {
  const [row] = await getDb().select({ s: contacts.lifecycleStage }).from(contacts).where(eq(contacts.id, id));
  return row!.s;
}

async function historyOf(id: string) {
  return getDb().select().from(lifecycleHistory).where(eq(lifecycleHistory.contactId, id));
}

beforeEach(async () => {
  // Each test gets fresh workspaces, so rules of one test never act in another.
  ws = await makeWorkspace(getDb(), `Rules ${randomUUID().slice(0, 4)}`);
  other = await makeWorkspace(getDb(), `Other ${randomUUID().slice(0, 4)}`);
});

describe("lifecycle rules", () => {
  it("moves matching contacts forward with a history row naming the rule, and leaves the rest", async () => {
    const [hot, cold, noScore] = await addContacts(ws, [
      { email: "hot@r.test", score: 75, lifecycleStage: "lead" },
      { email: "cold@r.test", score: 20, lifecycleStage: "lead" },
      { email: "none@r.test", score: null, lifecycleStage: "subscriber" },
    ]);
    const rule = await createLifecycleRule(ws.ctx("manager"), { name: "Score 60+ is MQL", condition: scoreAtLeast(60), toStage: "mql" });
    const res = await runLifecycleRules(ws.ctx("manager"));
    expect(res.moved).toBe(1);
    expect(res.byRule).toEqual([{ ruleId: rule.id, name: "Score 60+ is MQL", toStage: "mql", moved: 1 }]);
    expect(await stageOf(hot!)).toBe("mql");
    expect(await stageOf(cold!)).toBe("lead");
    expect(await stageOf(noScore!)).toBe("subscriber");
    const [h] = await historyOf(hot!);
    expect(h).toMatchObject({ fromStage: "lead", toStage: "mql", ruleId: rule.id, actorLabel: "rule: Score 60+ is MQL", reason: "Score 60+ is MQL" });
    const [ev] = await getDb().select().from(contactEvents).where(and(eq(contactEvents.contactId, hot!), eq(contactEvents.type, "lifecycle_change")));
    expect(ev!.properties).toMatchObject({ from: "lead", to: "mql", ruleId: rule.id });
    const audit = await getDb().select().from(auditLog).where(and(eq(auditLog.workspaceId, ws.id), eq(auditLog.action, "lifecycle_rule.apply")));
    expect(audit).toHaveLength(1);
    // A second run has nothing left to move: no second history row.
    expect((await runLifecycleRules(ws.ctx("manager"))).moved).toBe(0);
    expect(await historyOf(hot!)).toHaveLength(1);
  });

  it("skips a rule whose condition no longer compiles, says why in the run and the list, and still runs the others", async () => {
    const [hot] = await addContacts(ws, [{ email: "hot2@r.test", score: 90, lifecycleStage: "lead" }]);
    const broken = await createLifecycleRule(ws.ctx("manager"), { name: "Broken", condition: scoreAtLeast(10), toStage: "sql" });
    await createLifecycleRule(ws.ctx("manager"), { name: "Works", condition: scoreAtLeast(60), toStage: "mql" });
    // A stored condition can go stale (a custom field deleted or retyped): here it names a field that does not exist.
    await getDb()
      .update(lifecycleRules)
      .set({ condition: { type: "group", op: "and", rules: [{ type: "field", field: "cf.gone", operator: "eq", value: "x" }] } })
      .where(eq(lifecycleRules.id, broken.id));
    const res = await runLifecycleRules(ws.ctx("manager"));
    expect(res.moved).toBe(1);
    expect(res.byRule.map((r) => r.name)).toEqual(["Works"]);
    expect(res.skipped).toHaveLength(1);
    expect(res.skipped[0]).toMatchObject({ ruleId: broken.id, name: "Broken" });
    expect(res.skipped[0]!.problem.length).toBeGreaterThan(0);
    expect(await stageOf(hot!)).toBe("mql");
    const listed = await listLifecycleRules(ws.ctx("viewer"));
    expect(listed.find((r) => r.id === broken.id)!.problem).toBe(res.skipped[0]!.problem);
    expect(listed.find((r) => r.name === "Works")!.problem).toBeNull();
  });

  it("never moves a contact backwards, nor out of other/churned", async () => {
    const [customer, churned] = await addContacts(ws, [
      { email: "cust@r.test", score: 90, lifecycleStage: "customer" },
      { email: "gone@r.test", score: 90, lifecycleStage: "churned" },
    ]);
    await createLifecycleRule(ws.ctx("manager"), { name: "MQL", condition: scoreAtLeast(60), toStage: "mql" });
    expect((await runLifecycleRules(ws.ctx("manager"))).moved).toBe(0);
    expect(await stageOf(customer!)).toBe("customer");
    expect(await stageOf(churned!)).toBe("churned");
    expect(await historyOf(customer!)).toHaveLength(0);
  });

  it("moves a contact matching several rules once, to the furthest stage", async () => {
    const [both, onlyMql] = await addContacts(ws, [
      { email: "both@r.test", score: 95, lifecycleStage: "subscriber" },
      { email: "mql@r.test", score: 65, lifecycleStage: "subscriber" },
    ]);
    // Created in funnel order, so the furthest-first order is not simply creation order.
    const mql = await createLifecycleRule(ws.ctx("manager"), { name: "MQL", condition: scoreAtLeast(60), toStage: "mql" });
    const sql = await createLifecycleRule(ws.ctx("manager"), { name: "SQL", condition: scoreAtLeast(90), toStage: "sql" });
    const res = await runLifecycleRules(ws.ctx("manager"));
    expect(res.moved).toBe(2);
    expect(await stageOf(both!)).toBe("sql");
    expect(await stageOf(onlyMql!)).toBe("mql");
    const h = await historyOf(both!);
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ fromStage: "subscriber", toStage: "sql", ruleId: sql.id });
    expect((await historyOf(onlyMql!))[0]!.ruleId).toBe(mql.id);
  });

  it("ignores a disabled rule until it is enabled again", async () => {
    const [c] = await addContacts(ws, [{ email: "d@r.test", score: 70, lifecycleStage: "lead" }]);
    const rule = await createLifecycleRule(ws.ctx("manager"), { name: "Off", condition: scoreAtLeast(60), toStage: "mql", enabled: false });
    expect((await runLifecycleRules(ws.ctx("manager"))).moved).toBe(0);
    expect(await stageOf(c!)).toBe("lead");
    await updateLifecycleRule(ws.ctx("manager"), { id: rule.id, enabled: true });
    expect((await runLifecycleRules(ws.ctx("manager"))).moved).toBe(1);
    expect(await stageOf(c!)).toBe("mql");
  });

  it("leaves another workspace's contacts and rules alone", async () => {
    const [mine] = await addContacts(ws, [{ email: "m@r.test", score: 80, lifecycleStage: "lead" }]);
    const [theirs] = await addContacts(other, [{ email: "t@r.test", score: 80, lifecycleStage: "lead" }]);
    const theirRule = await createLifecycleRule(other.ctx("owner"), { name: "Theirs", condition: scoreAtLeast(10), toStage: "customer", enabled: false });
    await createLifecycleRule(ws.ctx("manager"), { name: "Mine", condition: scoreAtLeast(60), toStage: "mql" });
    await runLifecycleRules(ws.ctx("manager"));
    expect(await stageOf(mine!)).toBe("mql");
    expect(await stageOf(theirs!)).toBe("lead");
    expect((await listLifecycleRules(ws.ctx("viewer"))).map((r) => r.name)).toEqual(["Mine"]);
    await expect(updateLifecycleRule(ws.ctx("owner"), { id: theirRule.id, enabled: true })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteLifecycleRule(ws.ctx("owner"), { id: theirRule.id })).rejects.toBeInstanceOf(NotFoundError);
    const [still] = await getDb().select().from(lifecycleRules).where(eq(lifecycleRules.id, theirRule.id));
    expect(still!.enabled).toBe(false);
  });

  it("refuses viewers and marketers managing or running rules", async () => {
    const rule = await createLifecycleRule(ws.ctx("manager"), { name: "R", condition: scoreAtLeast(60), toStage: "mql" });
    for (const role of ["viewer", "marketer"] as const) {
      await expect(createLifecycleRule(ws.ctx(role), { name: "X", condition: scoreAtLeast(1), toStage: "customer" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateLifecycleRule(ws.ctx(role), { id: rule.id, enabled: false })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(deleteLifecycleRule(ws.ctx(role), { id: rule.id })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(runLifecycleRules(ws.ctx(role))).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await listLifecycleRules(ws.ctx("viewer")))[0]!.enabled).toBe(true);
  });

  it("refuses a condition naming an unknown field, and a backwards target", async () => {
    await expect(
      createLifecycleRule(ws.ctx("manager"), {
        name: "Bad",
        condition: { type: "group", op: "and", rules: [{ type: "field", field: "shoeSize", operator: "gt", value: 3 }] },
        toStage: "mql",
      }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(createLifecycleRule(ws.ctx("manager"), { name: "Sub", condition: scoreAtLeast(1), toStage: "subscriber" as never })).rejects.toThrow();
    expect(await listLifecycleRules(ws.ctx("manager"))).toHaveLength(0);
  });

  it("runs after a contact is created or updated, for that contact only", async () => {
    const [bystander] = await addContacts(ws, [{ email: "by@r.test", score: 99, lifecycleStage: "lead" }]);
    await createLifecycleRule(ws.ctx("manager"), { name: "MQL", condition: scoreAtLeast(60), toStage: "mql" });
    const made = await createContact(ws.ctx("marketer"), { email: "new@r.test", score: 61 });
    expect(made.lifecycleStage).toBe("mql");
    const low = await createContact(ws.ctx("marketer"), { email: "low@r.test", score: 10 });
    expect(low.lifecycleStage).toBe("subscriber");
    const updated = await updateContact(ws.ctx("marketer"), { id: low.id, score: 60 });
    expect(updated.lifecycleStage).toBe("mql");
    expect((await historyOf(low.id)).map((h) => h.toStage).sort()).toEqual(["mql", "subscriber"]);
    // Only the edited contacts were evaluated.
    expect(await stageOf(bystander!)).toBe("lead");
    // A manager's explicit move back is respected in that edit, even though the rule still matches.
    const back = await updateContact(ws.ctx("manager"), { id: low.id, lifecycleStage: "lead", score: 70, stageReason: "Not ready yet" });
    expect(back.lifecycleStage).toBe("lead");
  });

  it("runs after events are ingested, for those contacts", async () => {
    const [clicker, idle] = await addContacts(ws, [
      { email: "click@r.test", lifecycleStage: "subscriber" },
      { email: "idle@r.test", lifecycleStage: "subscriber" },
    ]);
    const clicked = { type: "group", op: "and", rules: [{ type: "event", eventType: "email_click", occurred: { op: "at_least", count: 1 }, withinDays: 30 }] };
    await createLifecycleRule(ws.ctx("manager"), { name: "Clicked → lead", condition: clicked, toStage: "lead" });
    await ingestEvents(ws.ctx("marketer"), {
      events: [{ contactId: clicker!, type: "email_click", occurredAt: new Date().toISOString(), idempotencyKey: `k-${randomUUID()}` }],
    });
    expect(await stageOf(clicker!)).toBe("lead");
    expect(await stageOf(idle!)).toBe("subscriber");
  });

  it("the post-import job applies the rules to the whole workspace", async () => {
    const [a, b] = await addContacts(ws, [
      { email: "i1@r.test", score: 70, lifecycleStage: "subscriber" },
      { email: "i2@r.test", score: 70, lifecycleStage: "subscriber" },
    ]);
    const [theirs] = await addContacts(other, [{ email: "i3@r.test", score: 70, lifecycleStage: "subscriber" }]);
    await createLifecycleRule(ws.ctx("manager"), { name: "MQL", condition: scoreAtLeast(60), toStage: "mql" });
    const out = (await lifecycleRulesJob.handler({ workspaceId: ws.id, reason: "import" }, { db: getDb(), jobId: "j", retryCount: 0 })) as { moved: number };
    expect(out.moved).toBe(2);
    expect([await stageOf(a!), await stageOf(b!), await stageOf(theirs!)]).toEqual(["mql", "mql", "subscriber"]);
  });
});
