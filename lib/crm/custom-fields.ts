// Custom field definitions per workspace (contact or company): list, create, update, delete, and checking a record's
// `custom` values against them. Deleting a definition never deletes data: values stay on the records (see deleteCustomField).
import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { companies, contacts, customFieldDefs } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { authorize, type Ctx } from "@/lib/auth/context";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import {
  createCustomFieldSchema,
  deleteCustomFieldSchema,
  listCustomFieldsSchema,
  updateCustomFieldSchema,
} from "./schemas";
import { checkCustomValue } from "./custom-values";
import { customFieldKeyFromLabel } from "./custom-field-key";

export { customFieldKeyFromLabel };

export { checkCustomValue, type CustomValueCheck, type CustomValueDef } from "./custom-values";

export type CustomFieldDef = typeof customFieldDefs.$inferSelect;
export type CustomFieldEntity = "contact" | "company";

/** Values are counted up to this many records before a delete asks for confirmation (a cheap bound at 1M rows). */
const COUNT_CAP = 100_000;


export async function listCustomFields(ctx: Ctx, raw: z.input<typeof listCustomFieldsSchema> = {}): Promise<CustomFieldDef[]> {
  authorize(ctx, "contacts.read");
  const input = listCustomFieldsSchema.parse(raw);
  const conds = [eq(customFieldDefs.workspaceId, ctx.workspaceId)];
  if (input.entity) conds.push(eq(customFieldDefs.entity, input.entity));
  return ctx.db
    .select()
    .from(customFieldDefs)
    .where(and(...conds))
    .orderBy(asc(customFieldDefs.entity), asc(customFieldDefs.createdAt), asc(customFieldDefs.key));
}

async function loadDef(ctx: Ctx, entity: string, key: string): Promise<CustomFieldDef> {
  const [row] = await ctx.db
    .select()
    .from(customFieldDefs)
    .where(and(eq(customFieldDefs.workspaceId, ctx.workspaceId), eq(customFieldDefs.entity, entity), eq(customFieldDefs.key, key)))
    .limit(1);
  if (!row) throw new NotFoundError("Custom field");
  return row;
}

function summary(d: Partial<CustomFieldDef>) {
  const { entity, key, label, type, options } = d;
  return { entity, key, label, type, options };
}

export async function createCustomField(ctx: Ctx, raw: z.input<typeof createCustomFieldSchema>): Promise<CustomFieldDef> {
  authorize(ctx, "crm.manage");
  const input = createCustomFieldSchema.parse(raw);
  const key = input.key ?? customFieldKeyFromLabel(input.label);
  if (!key) throw new ValidationError({ key: ["Give the field a key (lower_snake_case), or a label with letters in it."] });
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(customFieldDefs)
      .values({ workspaceId: ctx.workspaceId, entity: input.entity, key, label: input.label, type: input.type, options: input.options })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new ConflictError(`A ${input.entity} field with the key "${key}" already exists.`, "CUSTOM_FIELD_EXISTS");
    await recordAudit(tx, ctx, { action: "custom_field.create", entityType: "custom_field", entityId: `${input.entity}.${key}`, after: summary(row) });
    return row;
  });
}

export async function updateCustomField(ctx: Ctx, raw: z.input<typeof updateCustomFieldSchema>): Promise<CustomFieldDef> {
  authorize(ctx, "crm.manage");
  const { entity, key, ...patch } = updateCustomFieldSchema.parse(raw);
  const before = await loadDef(ctx, entity, key);
  if (patch.options && before.type !== "select") throw new ValidationError({ options: ["Only select fields have options."] });
  if (patch.options && patch.options.length === 0) throw new ValidationError({ options: ["A select field needs at least one option."] });
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(customFieldDefs)
      .set(patch)
      .where(and(eq(customFieldDefs.workspaceId, ctx.workspaceId), eq(customFieldDefs.entity, entity), eq(customFieldDefs.key, key)))
      .returning();
    if (!row) throw new NotFoundError("Custom field");
    await recordAudit(tx, ctx, { action: "custom_field.update", entityType: "custom_field", entityId: `${entity}.${key}`, before: summary(before), after: summary(row) });
    return row;
  });
}

/** How many records (up to COUNT_CAP) hold a value for the field. */
export async function countCustomFieldValues(ctx: Ctx, entity: CustomFieldEntity, key: string): Promise<number> {
  authorize(ctx, "contacts.read");
  const q =
    entity === "contact"
      ? sql`select count(*)::int as n from (select 1 from ${contacts} where ${contacts.workspaceId} = ${ctx.workspaceId} and ${contacts.deletedAt} is null and ${contacts.custom} ? ${key}::text limit ${COUNT_CAP}) x`
      : sql`select count(*)::int as n from (select 1 from ${companies} where ${companies.workspaceId} = ${ctx.workspaceId} and ${companies.custom} ? ${key}::text limit ${COUNT_CAP}) x`;
  const res = await ctx.db.execute<{ n: number }>(q);
  return Number(res.rows[0]?.n ?? 0);
}

/**
 * Deletes a definition. When records hold values for it, the caller must confirm (CUSTOM_FIELD_HAS_VALUES otherwise).
 * The values are LEFT IN PLACE on the records: deleting a definition is cheap at any size and reversible (define the
 * same key again and the values are back in the form, filters and exports); erasing data is what GDPR erase is for.
 */
export async function deleteCustomField(ctx: Ctx, raw: z.input<typeof deleteCustomFieldSchema>): Promise<{ entity: string; key: string; valuesKept: number }> {
  authorize(ctx, "crm.manage");
  const input = deleteCustomFieldSchema.parse(raw);
  const before = await loadDef(ctx, input.entity, input.key);
  const values = await countCustomFieldValues(ctx, input.entity, input.key);
  if (values > 0 && !input.confirm) {
    const n = values >= COUNT_CAP ? `${COUNT_CAP.toLocaleString("en")}+` : values.toLocaleString("en");
    throw new ConflictError(
      `${n} ${input.entity === "contact" ? "contacts" : "companies"} have a value for "${before.label}". Confirm to delete the field; the values stay on the records.`,
      "CUSTOM_FIELD_HAS_VALUES",
    );
  }
  await ctx.db.transaction(async (tx) => {
    await tx
      .delete(customFieldDefs)
      .where(and(eq(customFieldDefs.workspaceId, ctx.workspaceId), eq(customFieldDefs.entity, input.entity), eq(customFieldDefs.key, input.key)));
    await recordAudit(tx, ctx, {
      action: "custom_field.delete",
      entityType: "custom_field",
      entityId: `${input.entity}.${input.key}`,
      before: summary(before),
      after: { valuesKept: values },
    });
  });
  return { entity: input.entity, key: input.key, valuesKept: values };
}

// ---------------------------------------------------------------- values

/**
 * Checks `custom` against the workspace's definitions for `entity` and returns it normalised. Keys without a definition
 * pass through unchanged (imports and the API may carry free-form data); a defined key's value must fit its type, else
 * VALIDATION_FAILED with a `custom.<key>` error naming the field.
 */
export async function validateCustomValues(ctx: Ctx, entity: CustomFieldEntity, custom: Record<string, unknown>): Promise<Record<string, unknown>> {
  const keys = Object.keys(custom);
  if (keys.length === 0) return custom;
  const defs = await ctx.db
    .select({ key: customFieldDefs.key, label: customFieldDefs.label, type: customFieldDefs.type, options: customFieldDefs.options })
    .from(customFieldDefs)
    .where(and(eq(customFieldDefs.workspaceId, ctx.workspaceId), eq(customFieldDefs.entity, entity)));
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const out: Record<string, unknown> = {};
  const errors: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(custom)) {
    const def = byKey.get(k);
    if (!def) {
      out[k] = v;
      continue;
    }
    const checked = checkCustomValue(def, v);
    if (!checked.ok) errors[`custom.${k}`] = [checked.message];
    else if (checked.value !== undefined) out[k] = checked.value;
  }
  const first = Object.values(errors)[0]?.[0];
  if (first) throw new ValidationError(errors, first);
  return out;
}
