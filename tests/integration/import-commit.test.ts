// The import commit's set-based steps against a real Postgres: companies linked and created from the file's distinct
// (name, domain) pairs, duplicates without an email folded by name and phone, each policy's effect on a matched contact's
// company, and new contacts' ids handed out in ascending order along the insert order. Pins what a user sees, whichever
// way the SQL gets there.
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { companies, contacts } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import { commitStaged, type CommitCounts } from "@/lib/crm/import/commit";
import { emptyStagedContact, type StagedContact } from "@/lib/crm/import/row";
import type { ImportPolicy } from "@/lib/crm/import/schemas";
import { copyBatch, copyRows, createStagingTable, dropStagingTable } from "@/lib/crm/import/staging";
import { makeWorkspace } from "../helpers/fixtures";

const getDb = setupTestDb();

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function row(sourceRow: number, over: Partial<StagedContact>): StagedContact {
  return { ...emptyStagedContact(sourceRow), ...over };
}

/** In file order; ordinals are 1…n. */
const FILE: StagedContact[] = [
  row(2, { email: "a@t.test", companyName: "Initech Holdings", companyDomain: "initech.io" }),
  row(3, { email: "b@t.test", companyName: "globex" }),
  row(4, { email: "c@t.test", companyName: "Umbrella", companyDomain: "umbrella.org" }),
  row(5, { email: "d@t.test", companyName: "Umbrella Org", companyDomain: "umbrella.org" }),
  row(6, { email: "e@t.test", companyDomain: "hooli.com" }),
  row(7, { email: "f@t.test", companyName: "Hooli", companyDomain: "hooli.com" }),
  row(8, { email: "g@t.test", companyName: "acme ltd" }),
  row(9, { email: "h@t.test", companyName: "ACME Ltd" }),
  row(10, { email: "i@t.test", companyName: "hooli" }),
  row(11, { email: "old@acme.test", companyName: "Globex" }),
  row(12, { email: "KEPT@acme.test", companyName: "Initech" }),
  row(13, { firstName: "Nora", lastName: "Name", phone: "+442071838750" }),
  row(14, { firstName: "NORA", lastName: "name", phone: "+442071838750", title: "Later" }),
  row(15, { firstName: "Zed" }),
];

async function seed(db: Db, workspaceId: string) {
  const [initech, globex, umbrella] = await db
    .insert(companies)
    .values([
      { workspaceId, name: "Initech", domain: "initech.com", domains: ["initech.com", "initech.io"] },
      { workspaceId, name: "Globex" },
      { workspaceId, name: "Umbrella", domain: "umbrella.com", domains: ["umbrella.com"] },
    ])
    .returning();
  await db.insert(contacts).values([
    { workspaceId, email: "old@acme.test", firstName: "Old" },
    { workspaceId, email: "kept@acme.test", firstName: "Kept", companyId: globex!.id },
  ]);
  return { initech: initech!, globex: globex!, umbrella: umbrella! };
}

async function commit(db: Db, workspaceId: string, policy: ImportPolicy, file: StagedContact[]): Promise<CommitCounts> {
  const importId = randomUUID();
  const client = await db.$client.connect();
  try {
    const table = await createStagingTable(client, importId);
    await copyBatch(client, table, copyRows(file, 1));
    await client.query("BEGIN");
    const counts = await commitStaged((text, params) => client.query(text, params), {
      table,
      workspaceId,
      policy,
      targets: ["email", "firstName", "lastName", "phone", "title", "company", "companyDomain"],
      allowBackwardStage: false,
      actorLabel: "test",
      historyReason: "test",
    });
    await client.query("COMMIT");
    return counts;
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    await dropStagingTable(client, importId);
    client.release();
  }
}

describe("import commit", () => {
  for (const policy of ["skip", "update", "fill_blanks"] as const) {
    it(`${policy}: links and creates companies from the file's (name, domain) pairs, folds name-and-phone duplicates`, async () => {
      const db = getDb();
      const ws = await makeWorkspace(db, `Commit ${policy}`);
      const known = await seed(db, ws.id);
      const counts = await commit(db, ws.id, policy, FILE);

      const updated = { skip: 0, update: 2, fill_blanks: 1 }[policy];
      expect(counts).toEqual({
        duplicates: 1,
        uniqueRows: 13,
        inserted: 11,
        updated,
        skipped: 13 - 11 - updated,
        companiesCreated: 3,
        customFieldsCreated: 0,
        stageMovesRefused: 0,
        stageChanges: 0,
      });

      const all = await db.select().from(companies).where(eq(companies.workspaceId, ws.id));
      const created = all.filter((c) => ![known.initech.id, known.globex.id, known.umbrella.id].includes(c.id));
      // The name of a created company is the one on the last row that names it; rows giving only its name link to it.
      expect(created.map((c) => ({ name: c.name, domain: c.domain, domains: c.domains })).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
        { name: "ACME Ltd", domain: null, domains: [] },
        { name: "Hooli", domain: "hooli.com", domains: ["hooli.com"] },
        { name: "Umbrella Org", domain: "umbrella.org", domains: ["umbrella.org"] },
      ]);
      const idOf = (name: string) => all.find((c) => c.name === name)!.id;

      const people = await db.select().from(contacts).where(eq(contacts.workspaceId, ws.id));
      const companyOf = Object.fromEntries(people.filter((p) => p.email).map((p) => [p.email!, p.companyId]));
      expect(companyOf).toEqual({
        // By a secondary domain; by name (case-insensitive) when the row has no domain.
        "a@t.test": known.initech.id,
        "b@t.test": known.globex.id,
        // "Umbrella" exists with another domain: a second company, not a link by name.
        "c@t.test": idOf("Umbrella Org"),
        "d@t.test": idOf("Umbrella Org"),
        "e@t.test": idOf("Hooli"),
        "f@t.test": idOf("Hooli"),
        "g@t.test": idOf("ACME Ltd"),
        "h@t.test": idOf("ACME Ltd"),
        // Only a name: linked to the company the file created with a domain.
        "i@t.test": idOf("Hooli"),
        // Matched contacts: skip leaves them, update takes the file's company, fill_blanks only fills an empty one.
        "old@acme.test": { skip: null, update: known.globex.id, fill_blanks: known.globex.id }[policy],
        "kept@acme.test": { skip: known.globex.id, update: known.initech.id, fill_blanks: known.globex.id }[policy],
      });

      const nameOnly = people.filter((p) => !p.email).map((p) => ({ first: p.firstName, last: p.lastName, phone: p.phone, title: p.title }));
      expect(nameOnly.sort((a, b) => a.first!.localeCompare(b.first!))).toEqual([
        { first: "NORA", last: "name", phone: "+442071838750", title: "Later" },
        { first: "Zed", last: null, phone: null, title: null },
      ]);
      expect(people.filter((p) => !["old@acme.test", "kept@acme.test"].includes(p.email ?? "")).every((p) => p.source === "csv_import")).toBe(true);
    });
  }

  it("gives new contacts fresh random (v4) ids in ascending order along the insert order: email order, then file order", async () => {
    const db = getDb();
    const ws = await makeWorkspace(db, "Commit ids");
    // Emails out of order in the file, so file order and email order differ.
    const emails = Array.from({ length: 300 }, (_, i) => `p${String((i * 7919) % 300).padStart(3, "0")}@ids.test`);
    const file = [...emails.map((email, i) => row(i + 2, { email })), ...["Kim", "Alf", "Mo"].map((firstName, i) => row(400 + i, { firstName }))];
    const counts = await commit(db, ws.id, "skip", file);
    expect(counts.inserted).toBe(303);

    const withEmail = await db
      .select({ id: contacts.id, email: contacts.email })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, ws.id), inArray(contacts.email, emails)));
    const byEmail = withEmail.sort((a, b) => a.email!.localeCompare(b.email!)).map((c) => c.id);
    expect(byEmail).toHaveLength(300);
    expect(byEmail.every((id) => UUID_V4.test(id))).toBe(true);
    expect(new Set(byEmail).size).toBe(300);
    expect([...byEmail].sort()).toEqual(byEmail);

    const noEmail = await db.select({ id: contacts.id, firstName: contacts.firstName }).from(contacts).where(and(eq(contacts.workspaceId, ws.id), inArray(contacts.firstName, ["Kim", "Alf", "Mo"])));
    const inFileOrder = ["Kim", "Alf", "Mo"].map((n) => noEmail.find((c) => c.firstName === n)!.id);
    expect(inFileOrder.every((id) => UUID_V4.test(id))).toBe(true);
    expect([...inFileOrder].sort()).toEqual(inFileOrder);
  });
});
