// The import commit against a real Postgres when a contact with a new row's email is created by someone else (a form,
// the API) after the commit matched existing contacts: the fast plain INSERT fails on the unique index, is undone to its
// savepoint, and the rows go through the policy's upsert, so the import neither fails nor breaks the policy.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contacts } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import { createContact } from "@/lib/crm";
import { commitStaged } from "@/lib/crm/import/commit";
import { emptyStagedContact, type StagedContact } from "@/lib/crm/import/row";
import { copyBatch, copyRows, createStagingTable, dropStagingTable } from "@/lib/crm/import/staging";
import { makeWorkspace } from "../helpers/fixtures";

const getDb = setupTestDb();

function staged(over: Partial<StagedContact>): StagedContact {
  return { ...emptyStagedContact(2), ...over };
}

describe("import commit racing a contact created meanwhile", () => {
  for (const policy of ["skip", "update"] as const) {
    it(`keeps the ${policy} policy for the raced row and inserts the others`, async () => {
      const ws = await makeWorkspace(getDb(), `Race ${policy}`);
      const importId = randomUUID();
      const client = await getDb().$client.connect();
      let raced = false;
      try {
        const table = await createStagingTable(client, importId);
        await copyBatch(
          client,
          table,
          copyRows([staged({ email: "new@race.test", firstName: "New" }), staged({ sourceRow: 3, email: "race@race.test", firstName: "File", title: "From file" })], 1),
        );
        await client.query("BEGIN");
        const counts = await commitStaged(
          async (text, params) => {
            // Just before the new rows are written, another session creates one of their emails and commits.
            if (!raced && /^INSERT INTO contacts \(/.test(text) && text.includes("p.email IS NOT NULL AND p.contact_id IS NULL")) {
              raced = true;
              await createContact(ws.ctx("owner"), { email: "RACE@race.test", firstName: "Form" });
            }
            return client.query(text, params);
          },
          { table, workspaceId: ws.id, policy, targets: ["email", "firstName", "title"], allowBackwardStage: false, actorLabel: "test", historyReason: "test" },
        );
        await client.query("COMMIT");
        expect(raced).toBe(true);
        expect(counts).toMatchObject({ inserted: 1, updated: policy === "update" ? 1 : 0, uniqueRows: 2 });
      } finally {
        await client.query("ROLLBACK").catch(() => {});
        await dropStagingTable(client, importId);
        client.release();
      }
      const rows = await getDb()
        .select({ email: contacts.email, firstName: contacts.firstName, title: contacts.title })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, ws.id), sql`lower(${contacts.email}) in ('new@race.test', 'race@race.test')`))
        .orderBy(contacts.email);
      expect(rows).toEqual([
        { email: "new@race.test", firstName: "New", title: null },
        { email: "race@race.test", firstName: policy === "update" ? "File" : "Form", title: policy === "update" ? "From file" : null },
      ]);
    });
  }
});
