// The contacts list's total against a real Postgres: the exact count matches the list's own rows for each filter, never
// counts another workspace's or soft-deleted contacts, and falls back to the planner's estimate when counting runs out of time.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { contacts, type NewContact } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import { countContacts, listContacts, type countContactsSchema } from "@/lib/crm";
import { addToStaticList, createSegment, type SegmentRules } from "@/lib/crm/segments";
import { NotFoundError } from "@/lib/errors";
import type { z } from "zod";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";

const getDb = setupTestDb();
let ws: TestWorkspace;
let other: TestWorkspace;
let big: TestWorkspace;
let vipSegmentId = "";
let listSegmentId = "";
let otherSegmentId = "";
const BIG_ROWS = 60_000;

function contact(w: TestWorkspace, c: Partial<NewContact>): NewContact & { id: string } {
  return { id: randomUUID(), workspaceId: w.id, ...c };
}

/** The filtered view as the list shows it: every row, through listContacts (one page is enough at this size). */
async function listed(filters: z.input<typeof countContactsSchema>): Promise<number> {
  const page = await listContacts(ws.ctx("viewer"), { ...filters, limit: 500 });
  expect(page.nextCursor).toBeNull();
  return page.items.length;
}

beforeAll(async () => {
  const db = getDb();
  ws = await makeWorkspace(db, "Count");
  other = await makeWorkspace(db, "Count other");
  big = await makeWorkspace(db, "Count big");
  const mine = [
    contact(ws, { email: "ana@count.test", firstName: "Ana", lastName: "Alvarez", lifecycleStage: "lead", tags: ["vip"] }),
    contact(ws, { email: "anton@count.test", firstName: "Anton", lastName: "Berg", lifecycleStage: "lead", tags: ["newsletter"] }),
    contact(ws, { email: "ben@count.test", firstName: "Ben", lastName: "Anders", lifecycleStage: "customer", tags: ["vip", "newsletter"] }),
    contact(ws, { email: "cara@count.test", firstName: "Cara", lifecycleStage: "customer", tags: [] }),
    contact(ws, { email: "dora@count.test", firstName: "Dora", lifecycleStage: "mql", tags: ["vip"] }),
    // Soft-deleted below (after joining the static list): matches every filter, counted by none.
    contact(ws, { email: "andy@count.test", firstName: "Andy", lifecycleStage: "lead", tags: ["vip"] }),
  ];
  for (let i = 0; i < 7; i++) mine.push(contact(ws, { email: `sub${i}@count.test`, lifecycleStage: "subscriber" }));
  await db.insert(contacts).values(mine);
  // Another workspace's look-alikes: same stages, tags and names.
  await db.insert(contacts).values([
    contact(other, { email: "ana@other.test", firstName: "Ana", lifecycleStage: "lead", tags: ["vip"] }),
    contact(other, { email: "anita@other.test", firstName: "Anita", lifecycleStage: "customer", tags: ["vip", "newsletter"] }),
  ]);
  const rules: SegmentRules = { type: "group", op: "and", rules: [{ type: "field", field: "tags", operator: "has_any", value: ["vip"] }] };
  vipSegmentId = (await createSegment(ws.ctx("marketer"), { name: "VIPs", kind: "dynamic", rules })).id;
  const list = await createSegment(ws.ctx("marketer"), { name: "Hand-picked", kind: "static" });
  listSegmentId = list.id;
  // Two live members and one that is then soft-deleted.
  await addToStaticList(ws.ctx("marketer"), list.id, [mine[0]!.id, mine[3]!.id, mine[5]!.id]);
  await db.update(contacts).set({ deletedAt: new Date() }).where(eq(contacts.id, mine[5]!.id));
  otherSegmentId = (await createSegment(other.ctx("marketer"), { name: "Their VIPs", kind: "dynamic", rules })).id;

  // A workspace big enough that counting it cannot finish in a millisecond, with fresh statistics for the planner.
  await db.execute(sql`
    insert into contacts (workspace_id, email, lifecycle_stage)
    select ${big.id}, 'bulk' || g || '@count.test', case when g % 4 = 0 then 'customer' else 'lead' end
    from generate_series(1, ${BIG_ROWS}) g`);
  await db.execute(sql`analyze contacts`);
}, 120_000);

describe("countContacts", () => {
  it("counts exactly the rows the list shows, filter by filter, without other workspaces or deleted contacts", async () => {
    const cases: [z.input<typeof countContactsSchema>, number][] = [
      [{}, 12],
      [{ stage: "lead" }, 2],
      [{ stage: "customer" }, 2],
      [{ tag: "vip" }, 3],
      [{ tag: "VIP", stage: "lead" }, 1],
      [{ q: "an" }, 3], // Ana, Anton (first names) and Anders (last name)
      [{ q: "sub" }, 7],
      [{ q: "nobody" }, 0],
      [{ segmentId: vipSegmentId }, 3],
      [{ segmentId: listSegmentId }, 2],
      [{ segmentId: vipSegmentId, stage: "customer" }, 1],
    ];
    for (const [filters, expected] of cases) {
      const label = JSON.stringify(filters);
      expect(await listed(filters), label).toBe(expected);
      expect(await countContacts(ws.ctx("viewer"), filters), label).toEqual({ count: expected, exact: true });
    }
  });

  it("answers with the planner's estimate, marked inexact, when the exact count runs out of time", async () => {
    // Sanity: with time to spare the same view counts exactly.
    expect(await countContacts(big.ctx("viewer"), {}, { timeoutMs: 30_000 })).toEqual({ count: BIG_ROWS, exact: true });
    const all = await countContacts(big.ctx("viewer"), {}, { timeoutMs: 1 });
    expect(all.exact).toBe(false);
    expect(all.count).toBeGreaterThan(0);
    // Fresh statistics put the estimate in the right ballpark, not merely above zero.
    expect(all.count).toBeGreaterThan(BIG_ROWS / 2);
    expect(all.count).toBeLessThan(BIG_ROWS * 2);
    const customers = await countContacts(big.ctx("viewer"), { stage: "customer" }, { timeoutMs: 1 });
    expect(customers.exact).toBe(false);
    expect(customers.count).toBeGreaterThan(BIG_ROWS / 8);
    expect(customers.count).toBeLessThan(BIG_ROWS / 2);
    // The timeout was local to the count's transaction: the pooled connections run long statements again.
    // Four at once, so each of the test pool's four connections answers.
    const settings = await Promise.all(
      [0, 1, 2, 3].map(() => getDb().$client.query<{ t: string }>("select current_setting('statement_timeout') as t, pg_sleep(0.05)")),
    );
    expect(settings.map((r) => r.rows[0]!.t)).toEqual(["0", "0", "0", "0"]);
  });

  it("lets every role that reads contacts count, and hides another workspace's segment as not found", async () => {
    await expect(countContacts(ws.ctx("viewer"), { stage: "lead" })).resolves.toEqual({ count: 2, exact: true });
    const err = await countContacts(ws.ctx("viewer"), { segmentId: otherSegmentId }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).status).toBe(404);
    expect((err as NotFoundError).code).toMatch(/NOT_FOUND$/);
    // Their own segment counts their own contacts only.
    await expect(countContacts(other.ctx("viewer"), { segmentId: otherSegmentId })).resolves.toEqual({ count: 2, exact: true });
  });
});
