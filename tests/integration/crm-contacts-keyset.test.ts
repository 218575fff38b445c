// Keyset pages of the contacts list against a real Postgres: ties on created_at (imports write 1,000 rows with one
// timestamp), both time directions, cursors in the form older builds handed out, and cursors that do not fit the sort.
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { contacts } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import { createContact, listContacts } from "@/lib/crm";
import { createSegment, listSegmentContacts } from "@/lib/crm/segments";
import { encodeCursor } from "@/lib/pagination";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";
import { planOf as planOfCall } from "../helpers/plans";

const getDb = setupTestDb();
let ws: TestWorkspace;
let other: TestWorkspace;

/** Every contact id of the workspace in the order a sort must list them, computed independently in SQL. */
async function expectedOrder(workspaceId: string, dir: "desc" | "asc"): Promise<string[]> {
  const { rows } = await getDb().$client.query<{ id: string }>(
    `select id from contacts where workspace_id = $1 and deleted_at is null order by created_at ${dir}, id ${dir}`,
    [workspaceId],
  );
  return rows.map((r) => r.id);
}

function planOf(run: () => Promise<unknown>): Promise<string> {
  return planOfCall(getDb(), run);
}

async function walk(sort: "newest" | "oldest", limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listContacts(ws.ctx("viewer"), { sort, limit, cursor });
    seen.push(...page.items.map((c) => c.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return seen;
}

beforeAll(async () => {
  ws = await makeWorkspace(getDb(), "Keyset");
  other = await makeWorkspace(getDb(), "Keyset other");
  for (let i = 0; i < 23; i++) await createContact(ws.ctx("marketer"), { email: `k${i}@keyset.test` });
  await createContact(other.ctx("owner"), { email: "theirs@keyset.test" });
  // Two groups of rows sharing one created_at (with microseconds), as a batch import writes them.
  const ids = (await getDb().select({ id: contacts.id }).from(contacts).where(eq(contacts.workspaceId, ws.id))).map((r) => r.id);
  await getDb().execute(sql`update contacts set created_at = '2025-01-02 03:04:05.123456+00' where id in (${sql.join(ids.slice(0, 9).map((id) => sql`${id}::uuid`), sql`, `)})`);
  await getDb().execute(sql`update contacts set created_at = '2025-01-02 03:04:05.123457+00' where id in (${sql.join(ids.slice(9, 14).map((id) => sql`${id}::uuid`), sql`, `)})`);
});

describe("contacts keyset pages", () => {
  it("lists every contact once, in (created_at, id) order, across ties, newest and oldest first", async () => {
    expect(await expectedOrder(ws.id, "desc")).toHaveLength(23);
    for (const limit of [1, 4, 7, 50]) {
      expect(await walk("newest", limit), `newest by ${limit}`).toEqual(await expectedOrder(ws.id, "desc"));
      expect(await walk("oldest", limit), `oldest by ${limit}`).toEqual(await expectedOrder(ws.id, "asc"));
    }
  });

  it("continues from a cursor holding Postgres's text form of the timestamp (microseconds kept)", async () => {
    const order = await expectedOrder(ws.id, "desc");
    const { rows } = await getDb().$client.query<{ key: string }>("select created_at::text as key from contacts where id = $1", [order[10]]);
    const page = await listContacts(ws.ctx("viewer"), { limit: 5, cursor: encodeCursor(rows[0]!.key, order[10]!) });
    expect(page.items.map((c) => c.id)).toEqual(order.slice(11, 16));
  });

  it("treats a cursor that cannot belong to the sort as the first page, never as an error", async () => {
    const first = (await listContacts(ws.ctx("viewer"), { limit: 5 })).items.map((c) => c.id);
    const order = await expectedOrder(ws.id, "desc");
    for (const cursor of [encodeCursor("zed", order[3]!), encodeCursor("2025-01-02 03:04:05+00", "not-a-uuid"), encodeCursor(42, order[3]!), "garbage"]) {
      expect((await listContacts(ws.ctx("viewer"), { limit: 5, cursor })).items.map((c) => c.id), cursor).toEqual(first);
    }
    // A score cursor is a number; a text one that is not a whole number is not a score.
    const scoreFirst = (await listContacts(ws.ctx("viewer"), { sort: "score", limit: 5 })).items.map((c) => c.id);
    expect((await listContacts(ws.ctx("viewer"), { sort: "score", limit: 5, cursor: encodeCursor("1.5x", order[0]!) })).items.map((c) => c.id)).toEqual(scoreFirst);
  });

  it("reads newest and oldest pages, deep ones included, as one range of contacts_workspace_created_id_idx (no sort)", async () => {
    const order = await expectedOrder(ws.id, "desc");
    const { rows } = await getDb().$client.query<{ key: string }>("select created_at::text as key from contacts where id = $1", [order[12]]);
    const cursor = encodeCursor(rows[0]!.key, order[12]!);
    for (const input of [{ sort: "newest" as const }, { sort: "newest" as const, cursor }, { sort: "oldest" as const, cursor }]) {
      const plan = await planOf(() => listContacts(ws.ctx("viewer"), { limit: 5, ...input }));
      expect(plan, JSON.stringify(input)).toMatch(/Index Scan( Backward)? using contacts_workspace_created_id_idx/);
      expect(plan, JSON.stringify(input)).not.toMatch(/\bSort\b/);
      if (input.cursor) expect(plan).toMatch(/Index Cond: .*ROW\(created_at, id\) [<>] ROW\(/);
    }
  });

  it("reads name, email and score pages as ranges of their own indexes (no sort), first and deeper pages", async () => {
    const cases = [
      { sort: "name" as const, index: "contacts_workspace_name_key_idx" },
      { sort: "email" as const, index: "contacts_workspace_email_key_idx" },
      { sort: "score" as const, index: "contacts_workspace_score_sort_idx" },
    ];
    for (const { sort, index } of cases) {
      const first = await listContacts(ws.ctx("viewer"), { sort, limit: 5 });
      expect(first.nextCursor, sort).toBeTruthy();
      for (const cursor of [undefined, first.nextCursor!]) {
        const plan = await planOf(() => listContacts(ws.ctx("viewer"), { sort, limit: 5, ...(cursor ? { cursor } : {}) }));
        expect(plan, `${sort} ${cursor ? "deeper" : "first"}`).toMatch(new RegExp(`Index Scan( Backward)? using ${index}`));
        expect(plan, `${sort} ${cursor ? "deeper" : "first"}`).not.toMatch(/\bSort\b/);
      }
    }
  });

  it("never shows another workspace's contact, whatever the cursor", async () => {
    const all = await walk("newest", 6);
    expect(all).toHaveLength(23);
    const theirs = (await listContacts(other.ctx("owner"), { limit: 50 })).items.map((c) => c.email);
    expect(theirs).toEqual(["theirs@keyset.test"]);
  });
});

describe("contacts search box", () => {
  let s: TestWorkspace;
  beforeAll(async () => {
    s = await makeWorkspace(getDb(), "Search");
    // Enough contacts that the planner weighs index ranges against walking the workspace, as it would at scale.
    await getDb().$client.query(
      `insert into contacts (workspace_id, email, first_name, last_name)
       select $1, 'filler' || g || '@search.test', 'Filler' || g, 'Person' || g from generate_series(1, 3000) g`,
      [s.id],
    );
    await createContact(s.ctx("marketer"), { email: "ines.dubois@acme.test", firstName: "Inès", lastName: "Dubois" });
    await createContact(s.ctx("marketer"), { email: "zz-top@band.test", firstName: "Billy", lastName: "Gibbons" });
    await createContact(s.ctx("marketer"), { email: "percent@x.test", firstName: "100%", lastName: "Sure_Thing" });
    await createContact(s.ctx("marketer"), { email: "nameless@x.test" });
    await createContact(other.ctx("owner"), { email: "dubois@theirs.test", firstName: "Other", lastName: "Dubois" });
    await getDb().$client.query("analyze contacts");
  });

  const found = async (q: string) => (await listContacts(s.ctx("viewer"), { q, limit: 50 })).items.map((c) => c.email).sort();

  it("matches a prefix of the email, the first name, the last name, 'first last' or 'last first', in any case", async () => {
    expect(await found("INES.d")).toEqual(["ines.dubois@acme.test"]);
    expect(await found("inès")).toEqual(["ines.dubois@acme.test"]);
    expect(await found("DUBO")).toEqual(["ines.dubois@acme.test"]);
    expect(await found("Inès Dub")).toEqual(["ines.dubois@acme.test"]);
    expect(await found("dubois in")).toEqual(["ines.dubois@acme.test"]);
    expect(await found("billy g")).toEqual(["zz-top@band.test"]);
    expect(await found("nameless")).toEqual(["nameless@x.test"]);
    // Not a substring search, and never another workspace's contact.
    expect(await found("bois")).toEqual([]);
    expect(await found("theirs")).toEqual([]);
  });

  it("takes % and _ literally", async () => {
    expect(await found("100%")).toEqual(["percent@x.test"]);
    expect(await found("1_0")).toEqual([]);
    expect(await found("sure_")).toEqual(["percent@x.test"]);
    expect(await found("%")).toEqual([]);
  });

  it("answers a rare term from the three search-key indexes, without reading the workspace", async () => {
    const plan = await planOf(() => listContacts(s.ctx("viewer"), { q: "dubo", limit: 50 }));
    for (const index of ["contacts_workspace_email_key_idx", "contacts_workspace_name_key_idx", "contacts_workspace_first_last_idx"]) {
      expect(plan, plan).toContain(`Bitmap Index Scan on ${index}`);
    }
    expect(plan).toContain("BitmapOr");
  });
});

describe("a segment's contacts page", () => {
  it("walks every member once, newest first across created_at ties, each page one range of the newest-first index", async () => {
    const seg = await createSegment(ws.ctx("marketer"), {
      name: "Keyset members",
      kind: "dynamic",
      rules: { type: "group", op: "and", rules: [{ type: "field", field: "email", operator: "contains", value: "@keyset" }] },
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listSegmentContacts>> = await listSegmentContacts(ws.ctx("viewer"), seg.id, cursor, 4);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
      const plan = await planOf(() => listSegmentContacts(ws.ctx("viewer"), seg.id, cursor, 4));
      expect(plan).toMatch(/Index Scan using contacts_workspace_created_id_idx/);
      expect(plan).not.toMatch(/\bSort\b/);
    } while (cursor);
    expect(seen).toEqual(await expectedOrder(ws.id, "desc"));
    // A cursor that is not one of ours starts again at the first page.
    const first = (await listSegmentContacts(ws.ctx("viewer"), seg.id, encodeCursor("not a time", seen[3]!), 4)).items.map((c) => c.id);
    expect(first).toEqual(seen.slice(0, 4));
  });
});
