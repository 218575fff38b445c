// Newest-first lists over the tables that grow without bound (the AI request log, the audit log, a contact's timeline,
// the media library, campaigns): every page, first or deeper, must be read from the workspace's time index, never by
// sorting the whole workspace. Their indexes are `time DESC NULLS LAST` (drizzle's `.desc()`); an ORDER BY with a bare
// DESC (NULLS FIRST) cannot use them, and Postgres then sorts every row for each page.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { mediaAssets, mediaLibraries } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import { listAudit } from "@/lib/audit";
import { listCampaigns } from "@/lib/campaigns";
import { contactTimeline, createContact } from "@/lib/crm";
import { listAiRequests } from "@/lib/gateway/stats";
import { listAssets } from "@/lib/media";
import { encodeCursor } from "@/lib/pagination";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";
import { FULL_SORT, planOf } from "../helpers/plans";

const getDb = setupTestDb();
let ws: TestWorkspace;
let contactId: string;
const ROWS = 3000;

beforeAll(async () => {
  const db = getDb();
  ws = await makeWorkspace(db, "Plans");
  const pool = db.$client;
  // Every timestamp distinct except a few ties, a second apart going back.
  await pool.query(
    `insert into ai_requests (workspace_id, task, status, created_at)
     select $1, 'draft', 'ok', now() - (g / 2) * interval '1 second' from generate_series(1, ${ROWS}) g`,
    [ws.id],
  );
  await pool.query(
    `insert into audit_log (workspace_id, actor_label, action, entity_type, entity_id, created_at)
     select $1, 'plans', 'thing.update', 'thing', g::text, now() - (g / 2) * interval '1 second' from generate_series(1, ${ROWS}) g`,
    [ws.id],
  );
  contactId = (await createContact(ws.ctx("marketer"), { email: "busy@plans.test" })).id;
  await pool.query(
    `insert into contact_events (workspace_id, contact_id, type, occurred_at)
     select $1, $2, 'page_view', now() - (g / 2) * interval '1 second' from generate_series(1, ${ROWS}) g`,
    [ws.id, contactId],
  );
  const [library] = await db.insert(mediaLibraries).values({ workspaceId: ws.id, name: "Plans" }).returning();
  await db.insert(mediaAssets).values(
    Array.from({ length: 600 }, (_, i) => ({
      workspaceId: ws.id,
      libraryId: library!.id,
      name: `asset ${i}`,
      originalFileName: "a.jpg",
      kind: "image" as const,
      mime: "image/jpeg",
      format: "jpeg",
      bytes: 1000 + (i % 97) * 1000,
      width: 100,
      height: 100,
      aspectRatio: 1,
      sha256: randomUUID().replace(/-/g, ""),
      originalKey: `k/${randomUUID()}`,
      usageCount: i % 13,
      createdAt: new Date(Date.now() - Math.floor(i / 2) * 1000),
    })),
  );
  await pool.query(
    `insert into campaigns (workspace_id, name, created_at) select $1, 'Campaign ' || g, now() - g * interval '1 minute' from generate_series(1, 600) g`,
    [ws.id],
  );
  await pool.query("analyze");
});

/** The first page, then the page after its cursor: both read from `index`, neither sorts the workspace. */
async function expectIndexPages<T extends { nextCursor: string | null }>(index: string, list: (cursor?: string) => Promise<T>): Promise<void> {
  const first = await list();
  expect(first.nextCursor, index).toBeTruthy();
  for (const cursor of [undefined, first.nextCursor!]) {
    const plan = await planOf(getDb(), () => list(cursor));
    expect(plan, `${index} ${cursor ? "deeper" : "first"} page:\n${plan}`).toContain(index);
    expect(plan, `${index} ${cursor ? "deeper" : "first"} page:\n${plan}`).not.toMatch(FULL_SORT);
  }
}

describe("newest-first lists read their time index", () => {
  it("the AI request log", async () => {
    await expectIndexPages("ai_requests_workspace_time_idx", (cursor) => listAiRequests(ws.ctx("owner"), { limit: 50, cursor }));
  });

  it("the audit log", async () => {
    await expectIndexPages("audit_log_workspace_time_idx", async (cursor) => {
      const page = await listAudit(ws.ctx("owner"), { limit: 50, cursor });
      return { nextCursor: page.nextCursor };
    });
  });

  it("a contact's timeline", async () => {
    await expectIndexPages("contact_events_workspace_contact_time_idx", (cursor) => contactTimeline(ws.ctx("viewer"), contactId, { limit: 50, cursor }));
  });

  it("the media library, newest, oldest, largest and most used", async () => {
    await expectIndexPages("media_assets_workspace_created_idx", (cursor) => listAssets(ws.ctx("viewer"), { limit: 50, cursor }));
    await expectIndexPages("media_assets_workspace_created_idx", (cursor) => listAssets(ws.ctx("viewer"), { sort: "oldest", limit: 50, cursor }));
    await expectIndexPages("media_assets_workspace_bytes_idx", (cursor) => listAssets(ws.ctx("viewer"), { sort: "largest", limit: 50, cursor }));
    await expectIndexPages("media_assets_workspace_usage_idx", (cursor) => listAssets(ws.ctx("viewer"), { sort: "most_used", limit: 50, cursor }));
  });

  it("campaigns", async () => {
    await expectIndexPages("campaigns_workspace_created_idx", (cursor) => listCampaigns(ws.ctx("viewer"), { limit: 50, cursor }));
  });

  it("still pages every row once, in order, across ties; a cursor that is not ours means the first page", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAiRequests(ws.ctx("owner"), { limit: 200, cursor });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const { rows } = await getDb().$client.query<{ id: string }>(
      "select id from ai_requests where workspace_id = $1 order by created_at desc, id desc",
      [ws.id],
    );
    expect(seen).toEqual(rows.map((r) => r.id));
    const first = (await listAiRequests(ws.ctx("owner"), { limit: 5 })).items.map((r) => r.id);
    for (const bad of [encodeCursor("yesterday", seen[3]!), encodeCursor("2025-01-01 00:00:00+00", "not-a-uuid")]) {
      expect((await listAiRequests(ws.ctx("owner"), { limit: 5, cursor: bad })).items.map((r) => r.id)).toEqual(first);
    }
    const timeline = (await contactTimeline(ws.ctx("viewer"), contactId, { limit: 5 })).items.map((e) => e.id);
    expect((await contactTimeline(ws.ctx("viewer"), contactId, { limit: 5, cursor: encodeCursor("2025-01-01 00:00:00+00", "12x") })).items.map((e) => e.id)).toEqual(timeline);
  });
});
