// Custom field definitions against a real Postgres: CRUD with audit and roles, keys as slugs, another workspace's fields
// as "not found", contact values checked against their definition (clear errors naming the field), segments filtering
// on them, and deleting a field with values only after confirmation, leaving the values on the records.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type PgBoss from "pg-boss";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, contactImportErrors, contacts, customFieldDefs } from "@/db/schema";
import { setupTestDb } from "@/db/test-db";
import {
  createCompany,
  createContact,
  createCustomField,
  customFieldKeyFromLabel,
  deleteCustomField,
  listCustomFields,
  updateCompany,
  updateContact,
  updateCustomField,
} from "@/lib/crm";
import { getImport, runContactImport, startImport, uploadImport } from "@/lib/crm/import";
import { countSegmentRules, listSegmentFieldOptions } from "@/lib/crm/segments";
import { setEnv } from "@/lib/env";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { makeWorkspace, type TestWorkspace } from "../helpers/fixtures";

const getDb = setupTestDb();
let ws: TestWorkspace;
let other: TestWorkspace;

async function fieldErrors(p: Promise<unknown>): Promise<Record<string, string[]>> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (err instanceof ValidationError) return err.fieldErrors;
  throw new Error(`expected a validation error, got ${String(err)}`);
}

beforeAll(async () => {
  ws = await makeWorkspace(getDb(), "Fields");
  other = await makeWorkspace(getDb(), "Elsewhere");
  const m = ws.ctx("manager");
  await createCustomField(m, { label: "Seats", type: "number" });
  await createCustomField(m, { label: "Plan", type: "select", options: ["Free", "Pro", "Enterprise"] });
  await createCustomField(m, { label: "Renewal date", type: "date" });
  await createCustomField(m, { label: "Is partner", type: "boolean" });
  await createCustomField(m, { key: "notes_x", label: "Notes", type: "text" });
});

describe("custom field definitions", () => {
  it("derives slug keys from labels and lists the workspace's fields only", async () => {
    expect(customFieldKeyFromLabel("Renewal date!")).toBe("renewal_date");
    expect(customFieldKeyFromLabel("Ñandú 2")).toBe("nandu_2");
    expect(customFieldKeyFromLabel("123")).toBeNull();
    await createCustomField(other.ctx("owner"), { label: "Secret", type: "text" });
    const keys = (await listCustomFields(ws.ctx("viewer"))).map((f) => f.key);
    expect(keys).toEqual(["seats", "plan", "renewal_date", "is_partner", "notes_x"]);
    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ws.id), eq(auditLog.action, "custom_field.create"), eq(auditLog.entityId, "contact.seats")));
    expect(audit).toBeDefined();
  });

  it("refuses a duplicate key, a select without options, and options on a non-select field", async () => {
    await expect(createCustomField(ws.ctx("manager"), { label: "Seats", type: "text" })).rejects.toBeInstanceOf(ConflictError);
    await expect(createCustomField(ws.ctx("manager"), { label: "Tier", type: "select" })).rejects.toMatchObject({ issues: expect.any(Array) });
    await expect(createCustomField(ws.ctx("manager"), { label: "Size", type: "number", options: ["a"] })).rejects.toMatchObject({ issues: expect.any(Array) });
    await expect(createCustomField(ws.ctx("manager"), { key: "Bad Key", label: "Bad", type: "text" })).rejects.toMatchObject({ issues: expect.any(Array) });
  });

  it("keeps managing fields to crm.manage roles", async () => {
    for (const role of ["viewer", "marketer"] as const) {
      await expect(createCustomField(ws.ctx(role), { label: "Nope", type: "text" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateCustomField(ws.ctx(role), { key: "seats", label: "Nope" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(deleteCustomField(ws.ctx(role), { key: "seats", confirm: true })).rejects.toBeInstanceOf(ForbiddenError);
    }
    const [seats] = await getDb().select().from(customFieldDefs).where(and(eq(customFieldDefs.workspaceId, ws.id), eq(customFieldDefs.key, "seats")));
    expect(seats!.label).toBe("Seats");
  });

  it("answers not found for another workspace's field", async () => {
    await expect(updateCustomField(ws.ctx("owner"), { key: "secret", label: "Mine now" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteCustomField(ws.ctx("owner"), { key: "secret", confirm: true })).rejects.toBeInstanceOf(NotFoundError);
    expect((await listCustomFields(other.ctx("owner"))).map((f) => f.label)).toEqual(["Secret"]);
  });

  it("updates a label and a select's options, never the type", async () => {
    const plan = await updateCustomField(ws.ctx("manager"), { key: "plan", label: "Plan", options: ["Free", "Pro", "Enterprise", "Team"] });
    expect(plan.options).toEqual(["Free", "Pro", "Enterprise", "Team"]);
    expect(await fieldErrors(updateCustomField(ws.ctx("manager"), { key: "seats", options: ["x"] }))).toHaveProperty("options");
  });
});

describe("contact values", () => {
  it("normalises values that fit their definition and keeps undefined keys as they are", async () => {
    const c = await createContact(ws.ctx("marketer"), {
      email: `v-${randomUUID().slice(0, 6)}@f.test`,
      custom: { seats: "12", plan: "pro", renewal_date: "2027-01-31", is_partner: "yes", notes_x: "hello", legacy_id: "L-1", empty_one: "" },
    });
    expect(c.custom).toEqual({ seats: 12, plan: "Pro", renewal_date: "2027-01-31", is_partner: true, notes_x: "hello", legacy_id: "L-1", empty_one: "" });
  });

  it("refuses a value that does not fit, naming the field, and stores nothing", async () => {
    const email = `bad-${randomUUID().slice(0, 6)}@f.test`;
    const errs = await fieldErrors(createContact(ws.ctx("marketer"), { email, custom: { seats: "many", plan: "Gold", renewal_date: "2027-02-31" } }));
    expect(errs["custom.seats"]).toEqual(["Seats must be a number."]);
    expect(errs["custom.plan"]![0]).toContain("Plan must be one of: Free, Pro, Enterprise");
    expect(errs["custom.renewal_date"]![0]).toContain("Renewal date must be a date");
    expect(await getDb().select().from(contacts).where(eq(contacts.email, email))).toHaveLength(0);
  });

  it("checks values on update too", async () => {
    const c = await createContact(ws.ctx("marketer"), { email: `u-${randomUUID().slice(0, 6)}@f.test`, custom: { seats: 3 } });
    expect(await fieldErrors(updateContact(ws.ctx("marketer"), { id: c.id, custom: { seats: 3, is_partner: "maybe" } }))).toEqual({
      "custom.is_partner": ["Is partner must be yes or no."],
    });
    const ok = await updateContact(ws.ctx("marketer"), { id: c.id, custom: { seats: "4.5", is_partner: false } });
    expect(ok.custom).toEqual({ seats: 4.5, is_partner: false });
  });

  it("makes custom fields filterable in segments with their defined types", async () => {
    const fields = await listSegmentFieldOptions(ws.ctx("viewer"));
    expect(fields.find((f) => f.key === "custom.plan")).toMatchObject({ type: "enum", enumValues: ["Free", "Pro", "Enterprise", "Team"] });
    const tag = randomUUID().slice(0, 6);
    await createContact(ws.ctx("marketer"), { email: `s1-${tag}@f.test`, source: tag, custom: { seats: 50, plan: "Enterprise" } });
    await createContact(ws.ctx("marketer"), { email: `s2-${tag}@f.test`, source: tag, custom: { seats: 5, plan: "Enterprise" } });
    await createContact(ws.ctx("marketer"), { email: `s3-${tag}@f.test`, source: tag, custom: { seats: 80, plan: "Free" } });
    const rules = {
      type: "group" as const,
      op: "and" as const,
      rules: [
        { type: "field" as const, field: "source", operator: "eq" as const, value: tag },
        { type: "field" as const, field: "custom.seats", operator: "gt" as const, value: 10 },
        { type: "field" as const, field: "custom.plan", operator: "in" as const, value: ["Enterprise"] },
      ],
    };
    expect((await countSegmentRules(ws.ctx("viewer"), rules)).count).toBe(1);
  });
});

describe("CSV import into custom fields", () => {
  let dataDir = "";
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "aicmo-cf-import-"));
    setEnv("AICMO_DATA_DIR", dataDir);
    setEnv("DATABASE_URL", getDb().$client.options.connectionString!);
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("checks a mapped column against its field's type: bad cells are row errors naming the column, good ones are normalised", async () => {
    const ctx = ws.ctx("marketer");
    const tag = randomUUID().slice(0, 6);
    const csv = ["Email,Seats,Plan,Legacy", `a-${tag}@imp.test,12,pro,x1`, `b-${tag}@imp.test,lots,Pro,x2`, `c-${tag}@imp.test,3,Gold,x3`].join("\n");
    const form = new FormData();
    form.append("file", new Blob([csv], { type: "text/csv" }), "custom.csv");
    const req = new Request("http://localhost/api/v1/contacts/imports", { method: "POST", body: form });
    const preview = await uploadImport(ctx, { headers: req.headers, body: req.body });
    const manualBoss = { createQueue: async () => {}, send: async () => randomUUID() } as unknown as PgBoss;
    await startImport(ctx, preview.id, { mapping: { Email: "email", Seats: "custom.seats", Plan: "custom.plan", Legacy: "custom.legacy" }, policy: "skip" }, { boss: manualBoss });
    expect(await runContactImport(getDb(), { importId: preview.id, workspaceId: ws.id })).toBe("completed");
    expect(await getImport(ctx, preview.id)).toMatchObject({ inserted: 1, errorRows: 2 });
    const errors = await getDb().select().from(contactImportErrors).where(eq(contactImportErrors.importId, preview.id));
    expect(errors.map((e) => [e.rowNumber, e.field, e.reason]).sort()).toEqual([
      [3, "Seats", "Seats must be a number."],
      [4, "Plan", "Plan must be one of: Free, Pro, Enterprise, Team."],
    ]);
    const [a] = await getDb().select({ custom: contacts.custom }).from(contacts).where(eq(contacts.email, `a-${tag}@imp.test`));
    expect(a!.custom).toEqual({ seats: 12, plan: "Pro", legacy: "x1" });
  });
});

describe("company values", () => {
  it("are checked against the company definitions, not the contact ones", async () => {
    await createCustomField(ws.ctx("manager"), { entity: "company", label: "Founded", type: "date" });
    const co = await createCompany(ws.ctx("marketer"), { name: "Dated Inc", custom: { founded: "1999-12-31", seats: "not checked here" } });
    expect(co.custom).toEqual({ founded: "1999-12-31", seats: "not checked here" });
    expect(await fieldErrors(updateCompany(ws.ctx("marketer"), { id: co.id, custom: { founded: "last year" } }))).toEqual({
      "custom.founded": ["Founded must be a date (YYYY-MM-DD)."],
    });
  });
});

describe("deleting a field", () => {
  it("asks for confirmation when records hold values, then keeps the values on the records", async () => {
    const c = await createContact(ws.ctx("marketer"), { email: `d-${randomUUID().slice(0, 6)}@f.test`, custom: { notes_x: "keep me" } });
    await expect(deleteCustomField(ws.ctx("manager"), { key: "notes_x" })).rejects.toMatchObject({ code: "CUSTOM_FIELD_HAS_VALUES" });
    expect((await listCustomFields(ws.ctx("manager"))).map((f) => f.key)).toContain("notes_x");
    const res = await deleteCustomField(ws.ctx("manager"), { key: "notes_x", confirm: true });
    expect(res.valuesKept).toBeGreaterThanOrEqual(1);
    expect((await listCustomFields(ws.ctx("manager"))).map((f) => f.key)).not.toContain("notes_x");
    const [row] = await getDb().select({ custom: contacts.custom }).from(contacts).where(eq(contacts.id, c.id));
    expect(row!.custom).toEqual({ notes_x: "keep me" });
  });

  it("deletes a field without values at once", async () => {
    await createCustomField(ws.ctx("manager"), { label: "Unused", type: "text" });
    expect(await deleteCustomField(ws.ctx("manager"), { key: "unused" })).toEqual({ entity: "contact", key: "unused", valuesKept: 0 });
  });
});
