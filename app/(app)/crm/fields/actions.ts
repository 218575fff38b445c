"use server";
// Server actions for custom field definitions: list, create, update (label, select options) and delete (confirmed when
// records hold values; the values stay on the records). Never decide permissions here: the engine authorises.
import { revalidatePath } from "next/cache";
import {
  createCustomField,
  deleteCustomField,
  listCustomFields,
  updateCustomField,
  type CustomFieldDef,
} from "@/lib/crm";
import { createCustomFieldSchema, deleteCustomFieldSchema, listCustomFieldsSchema, updateCustomFieldSchema } from "@/lib/crm/schemas";
import { runAction, type ActionResult } from "@/lib/http/action";

function revalidateFields() {
  revalidatePath("/crm", "layout");
}

export async function listCustomFieldsAction(raw: unknown): Promise<ActionResult<CustomFieldDef[]>> {
  return runAction(listCustomFieldsSchema, raw ?? {}, (ctx, input) => listCustomFields(ctx, input));
}

export async function createCustomFieldAction(raw: unknown): Promise<ActionResult<CustomFieldDef>> {
  const res = await runAction(createCustomFieldSchema, raw, (ctx, input) => createCustomField(ctx, input));
  if (res.ok) revalidateFields();
  return res;
}

export async function updateCustomFieldAction(raw: unknown): Promise<ActionResult<CustomFieldDef>> {
  const res = await runAction(updateCustomFieldSchema, raw, (ctx, input) => updateCustomField(ctx, input));
  if (res.ok) revalidateFields();
  return res;
}

export async function deleteCustomFieldAction(raw: unknown): Promise<ActionResult<{ entity: string; key: string; valuesKept: number }>> {
  const res = await runAction(deleteCustomFieldSchema, raw, (ctx, input) => deleteCustomField(ctx, input));
  if (res.ok) revalidateFields();
  return res;
}
